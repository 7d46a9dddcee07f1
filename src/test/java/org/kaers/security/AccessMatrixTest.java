package org.kaers.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;

/**
 * Every endpoint x every role, and no token, an expired token, a token signed by another key and one from
 * another issuer, from one table. The table must name every operation of the served OpenAPI document.
 * Requests that would change data carry an invalid body or target: allowed callers get past access control
 * (to a 400, 404, 409 or 412) and nothing changes, so the matrix can run on the shared test database.
 */
@QuarkusTest
@NoDefaultToken
class AccessMatrixTest {

    private static final String R = "REPORTER";
    private static final String V = "REVIEWER";
    private static final String S = "RESEARCHER";
    private static final String A = "ADMIN";
    private static final Set<String> EVERYONE = Set.of(R, V, S, A);

    /** One operation: method, path (with placeholders), who may call it, and a request that changes nothing. */
    record Operation(String method, String path, Set<String> roles, String body, Map<String, String> query) {
        String key() {
            return method + " " + path;
        }
    }

    private static final String INVALID_REPORT = "{\"reporter\": {}}";

    private static List<Operation> table() {
        return List.of(
                new Operation("POST", "/api/v1/reports", Set.of(R, V, A), INVALID_REPORT, Map.of()),
                new Operation("GET", "/api/v1/reports", Set.of(R, V, A), null, Map.of()),
                new Operation("GET", "/api/v1/reports/{caseNumber}", Set.of(R, V, A), null, Map.of()),
                new Operation("GET", "/api/v1/reports/{caseNumber}/versions", Set.of(R, V, A), null, Map.of()),
                new Operation(
                        "GET", "/api/v1/reports/{caseNumber}/versions/{version}", Set.of(R, V, A), null, Map.of()),
                new Operation("POST", "/api/v1/reports/derived-preview", Set.of(R, V, A), INVALID_REPORT, Map.of()),
                new Operation(
                        "POST", "/api/v1/reports/{caseNumber}/follow-ups", Set.of(R, V, A), INVALID_REPORT, Map.of()),
                new Operation("POST", "/api/v1/reports/{caseNumber}/nullification", Set.of(V, A), "{}", Map.of()),
                new Operation("POST", "/api/v1/reports/{caseNumber}/causality", Set.of(V, A), "{}", Map.of()),
                new Operation("GET", "/api/v1/reports/{caseNumber}/causality", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/reports/{caseNumber}/causality/{id}", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/reports/{caseNumber}/causality/rucam", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/clusters", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/clusters/alerts", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/clusters/alerts/{id}", Set.of(V, A), null, Map.of()),
                new Operation("POST", "/api/v1/clusters/alerts/{id}/acknowledge", Set.of(V, A), "{}", Map.of()),
                new Operation("POST", "/api/v1/clusters/alerts/{id}/dismiss", Set.of(V, A), "{}", Map.of()),
                new Operation("POST", "/api/v1/clusters/alerts/scan", Set.of(V, A), null, Map.of("windowDays", "0")),
                new Operation("GET", "/api/v1/duplicates/screening", Set.of(V, A), null, Map.of()),
                new Operation("POST", "/api/v1/duplicates/screening/catch-up", Set.of(V, A), null, Map.of("x", "1")),
                new Operation("GET", "/api/v1/duplicates", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/duplicates/{id}", Set.of(V, A), null, Map.of()),
                new Operation(
                        "POST",
                        "/api/v1/duplicates/{id}/confirm",
                        Set.of(V, A),
                        "{\"keep\": \"not a case\"}",
                        Map.of()),
                new Operation(
                        "POST",
                        "/api/v1/duplicates/{id}/dismiss",
                        Set.of(V, A),
                        "{\"comment\": \"" + "x".repeat(2001) + "\"}",
                        Map.of()),
                new Operation("GET", "/api/v1/vocabulary/terms", EVERYONE, null, Map.of("q", "seizure")),
                new Operation("GET", "/api/v1/vocabulary/terms/{code}", EVERYONE, null, Map.of()),
                new Operation("POST", "/api/v1/vocabulary/terms", Set.of(V, A), "{}", Map.of()),
                new Operation("GET", "/api/v1/vocabulary/organ-classes", EVERYONE, null, Map.of()),
                new Operation("GET", "/api/v1/vocabulary/coding-queue", Set.of(V, A), null, Map.of()),
                new Operation("POST", "/api/v1/vocabulary/codings", Set.of(V, A), "{}", Map.of()),
                new Operation("GET", "/api/v1/vocabulary/coding-preview", EVERYONE, null, Map.of("text", "fits")),
                new Operation("GET", "/api/v1/products", EVERYONE, null, Map.of()),
                new Operation("GET", "/api/v1/products/{id}", EVERYONE, null, Map.of()),
                new Operation("PUT", "/api/v1/products/{id}", Set.of(V, A), "{}", Map.of()),
                new Operation("POST", "/api/v1/products/{id}/merge", Set.of(V, A), "{}", Map.of()),
                new Operation("GET", "/api/v1/products/review-queue", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/products/match", EVERYONE, null, Map.of("name", "kratom")),
                new Operation("GET", "/api/v1/substances", EVERYONE, null, Map.of()),
                new Operation("POST", "/api/v1/imports/caers", Set.of(A), "", Map.of()),
                new Operation("GET", "/api/v1/imports", Set.of(A), null, Map.of()),
                new Operation("GET", "/api/v1/imports/{id}", Set.of(A), null, Map.of()),
                new Operation("POST", "/api/v1/imports/{id}/cancel", Set.of(A), null, Map.of()),
                new Operation("POST", "/api/v1/imports/{id}/resume", Set.of(A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/counts", Set.of(S, V, A), null, Map.of("by", "sex")),
                new Operation("GET", "/api/v1/stats/trends", Set.of(S, V, A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/summary", Set.of(S, V, A), null, Map.of("substance", "KRATOM")),
                new Operation("GET", "/api/v1/stats/aggregates", Set.of(S, V, A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/line-listing", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/liver-peaks", Set.of(V, A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/protection", Set.of(S, V, A), null, Map.of()),
                new Operation("GET", "/food/event.json", Set.of(S, V, A), null, Map.of("limit", "0")),
                new Operation("GET", "/api/v1/openfda/food/event.json", Set.of(S, V, A), null, Map.of("limit", "0")),
                new Operation("POST", "/api/v1/stats/aggregates/catch-up", Set.of(A), null, Map.of()),
                new Operation("POST", "/api/v1/stats/aggregates/rebuild", Set.of(A), null, Map.of("dryRun", "x")),
                new Operation("GET", "/api/v1/stats/releases/latest", Set.of(S, V, A), null, Map.of()),
                new Operation("GET", "/api/v1/stats/releases/{id}", Set.of(S, V, A), null, Map.of()),
                new Operation("POST", "/api/v1/stats/releases", Set.of(A), null, Map.of("dryRun", "x")),
                new Operation("GET", "/api/v1/signals", Set.of(S, V, A), null, Map.of("substance", "KRATOM")),
                new Operation("GET", "/api/v1/signals/prior", Set.of(S, V, A), null, Map.of()),
                new Operation("POST", "/api/v1/signals/prior", Set.of(A), null, Map.of("dryRun", "x")),
                new Operation("GET", "/api/v1/audit", Set.of(A), null, Map.of()),
                new Operation("GET", "/api/v1/fhir/cases/{caseNumber}", Set.of(R, V, A), null, Map.of()),
                new Operation(
                        "GET", "/api/v1/fhir/cases/{caseNumber}/versions/{version}", Set.of(R, V, A), null, Map.of()),
                new Operation("POST", "/api/v1/fhir/cases", Set.of(R, V, A), "{}", Map.of()),
                // The public tier (PublicApi): every role, and no token at all.
                new Operation("GET", "/api/v1/public/stats/counts", EVERYONE, null, Map.of("by", "sex")));
    }

    /** The operations anyone may call without a token (the one exception, security.PublicApi). */
    private static boolean anonymous(Operation op) {
        return op.path().startsWith(org.kaers.security.PublicApi.PREFIX);
    }

    @Test
    void theTableNamesEveryOperationOfTheApi() {
        Map<String, Map<String, Object>> paths = given().accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        Set<String> served = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> served.add(m.toUpperCase() + " " + path)));
        Set<String> tabled = new TreeSet<>();
        table().forEach(o -> tabled.add(o.key()));
        assertThat(tabled).isEqualTo(served);
    }

    @Test
    void everyEndpointForEveryRoleAndEveryBadToken() {
        String caseNumber = given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .contentType("application/json")
                .body(CaseReports.minimal().toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        Map<String, String> callers = new java.util.LinkedHashMap<>();
        for (String role : List.of(R, V, S, A)) {
            callers.put(role, Tokens.of("matrix-" + role.toLowerCase() + "@test", role));
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Operation op : table()) {
            String path = op.path()
                    .replace("{caseNumber}", caseNumber)
                    .replace("{version}", "1")
                    .replace("{code}", "KT0001")
                    .replace("{id}", "1");
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                Response response = send(op, path, caller.getValue());
                int status = response.statusCode();
                boolean allowed = op.roles().contains(caller.getKey());
                boolean ok = allowed
                        ? status != 401 && status != 403 && status < 500
                        : status == 403 && response.contentType().startsWith("application/problem+json");
                if (!ok) {
                    failures.add(op.key() + " as " + caller.getKey() + ": " + status);
                }
                checked++;
            }
            Map<String, String> bad = Map.of(
                    "no token",
                    "",
                    "expired",
                    Tokens.expired("x@test", A),
                    "another key",
                    Tokens.signedByAnotherKey("x@test", A),
                    "another issuer",
                    Tokens.wrongIssuer("x@test", A));
            for (Map.Entry<String, String> caller : bad.entrySet()) {
                Response response = send(op, path, caller.getValue());
                if (caller.getKey().equals("no token") && anonymous(op)) {
                    if (response.statusCode() != 200) {
                        failures.add(op.key() + " with no token (public): " + response.statusCode());
                    }
                } else if (response.statusCode() != 401
                        || !response.contentType().startsWith("application/problem+json")
                        || !String.valueOf(response.header("WWW-Authenticate")).startsWith("Bearer")) {
                    failures.add(op.key() + " with " + caller.getKey() + ": " + response.statusCode());
                }
                checked++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(table().size() * 8);
    }

    @Test
    void healthMetricsAndDocumentationArePublic() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            given().get(path).then().statusCode(200);
        }
    }

    private static Response send(Operation op, String path, String token) {
        RequestSpecification request = given();
        if (!token.isEmpty()) {
            request.header("Authorization", Tokens.bearer(token));
        }
        op.query().forEach(request::queryParam);
        if (op.body() != null) {
            request.contentType(op.path().endsWith("/caers") ? "text/csv" : "application/json")
                    .body(op.body());
        }
        if (op.path().endsWith("/follow-ups")) {
            request.header("If-Match", "\"1\"");
        }
        return request.request(op.method(), path);
    }
}
