package org.kaers.hostile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.RawHttp;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;

/**
 * The service as a hostile client sees it (issue #13), on loopback, bounded: one test per class of attack, each
 * written as the attack, the answer it must get, and what must (not) be stored or audited. Path variants are
 * generated: every path form x every operation of the served OpenAPI document.
 */
@QuarkusTest
@NoDefaultToken
class HostileClientTest {

    private static final String ADMIN = Tokens.bearer(Tokens.ADMIN);

    @Inject
    TestDatabase db;

    private String caseNumber;

    @BeforeEach
    void aCase() {
        caseNumber = given().header("Authorization", ADMIN)
                .contentType("application/json")
                .body(CaseReports.minimal().toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
    }

    @Test
    void everyNonCanonicalSpellingOfEveryEndpointIsRefusedAuditedAndStoresNothing() {
        List<Hostile.Endpoint> endpoints = Hostile.endpoints();
        assertThat(endpoints).hasSizeGreaterThan(20);
        Map<String, String> values = Map.of("caseNumber", caseNumber, "version", "1");
        Map<String, Long> before = db.rowCounts();
        List<String> failures = new ArrayList<>();
        Map<String, Long> refused = new LinkedHashMap<>();
        int sent = 0;
        for (Hostile.Endpoint endpoint : endpoints) {
            String canonical = endpoint.path(values);
            for (Hostile.PathForm form : Hostile.pathForms()) {
                String variant = form.spell().apply(canonical);
                byte[] body = endpoint.method().equals("GET")
                        ? null
                        : CaseReports.minimal().toString().getBytes(StandardCharsets.UTF_8);
                Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", ADMIN));
                if (body != null) {
                    headers.put("Content-Type", "application/json");
                }
                RawHttp.Answer answer = RawHttp.send(endpoint.method(), variant, headers, body);
                sent++;
                String label = endpoint.method() + " " + variant + " (" + form.name() + ") -> " + answer.status();
                if (answer.status() != 400
                        || !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")) {
                    failures.add(label);
                    continue;
                }
                JsonNode problem = Hostile.parse(answer.body());
                if (!problem.path("violations").path(0).path("field").asText().equals("path")) {
                    failures.add(label + " without the path as the field at fault");
                }
                refused.merge(variant, 1L, Long::sum);
            }
        }
        // Every refusal audited as a 400 of its own spelling, as many times as it was sent (one query, not one each).
        Map<String, Long> audited = Hostile.awaitAudits(db, refused, 400);
        refused.forEach((variant, times) -> {
            if (audited.getOrDefault(variant, 0L) < times) {
                failures.add(variant + " sent " + times + " time(s), audited " + audited.getOrDefault(variant, 0L));
            }
        });
        assertThat(failures).as("of %d variants", sent).isEmpty();
        assertThat(sent).isEqualTo(endpoints.size() * Hostile.pathForms().size());
        assertThat(db.rowCounts()).isEqualTo(before);
        // The canonical spelling of the same read is served and audited as a case read.
        String canonical = "/api/v1/reports/" + caseNumber;
        assertThat(RawHttp.get(canonical, Map.of("Authorization", ADMIN)).status())
                .isEqualTo(200);
        assertThat(Hostile.awaitAudit(db, canonical, 200, 1)).isEqualTo(1);
    }

    @Test
    void bodiesMeetTheLimitOfTheirRouteDeclaredOrChunked() {
        Map<String, Long> before = db.rowCounts();
        Map<String, String> json = Map.of("Authorization", ADMIN, "Content-Type", "application/json");
        // a chunked body over 1 MiB: 413 problem+json, audited, nothing stored
        byte[] big = ("{\"narrative\": \"" + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> chunked = new LinkedHashMap<>(json);
        chunked.put("Transfer-Encoding", "chunked");
        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/reports", chunked, RawHttp.chunked(big));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Hostile.parse(answer.body()).path("type").asText()).isEqualTo("urn:kaers:problem:payload-too-large");
        assertThat(Hostile.awaitAudit(db, "/api/v1/reports", 413, 1)).isGreaterThanOrEqualTo(1);
        // a chunked valid body under the limit is served like a declared one
        RawHttp.Answer small = RawHttp.send(
                "POST",
                "/api/v1/reports",
                chunked,
                RawHttp.chunked(CaseReports.minimal().toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(small.status()).isEqualTo(201);
        before = db.rowCounts();
        // a declared 2 MiB body: 413 before any of it is read
        Map<String, String> declared = new LinkedHashMap<>(json);
        declared.put("Content-Length", String.valueOf(2 * 1024 * 1024));
        assertThat(RawHttp.send("POST", "/api/v1/reports", declared, null).status())
                .isEqualTo(413);
        // the import's 64 MiB limit is not reachable for the case endpoint through a dot segment
        assertThat(RawHttp.send("POST", "/api/v1/imports/../reports", declared, null)
                        .status())
                .isEqualTo(400);
        // no Content-Type, or a wildcard: 415, never read as JSON
        byte[] valid = CaseReports.minimal().toString().getBytes(StandardCharsets.UTF_8);
        long untypedBefore = Hostile.awaitAudit(db, "/api/v1/reports", 415, 0);
        for (Map<String, String> headers : List.of(
                Map.of("Authorization", ADMIN),
                Map.of("Authorization", ADMIN, "Content-Type", "*/*"),
                Map.of("Authorization", ADMIN, "Content-Type", "application/*"))) {
            RawHttp.Answer untyped = RawHttp.send("POST", "/api/v1/reports", headers, valid);
            assertThat(untyped.status()).as(headers.toString()).isEqualTo(415);
            assertThat(untyped.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(Hostile.awaitAudit(db, "/api/v1/reports", 415, untypedBefore + 3))
                .isEqualTo(untypedBefore + 3);
        // arrays far over their element limit, nesting over the depth limit: 400 naming the field or the limit
        String nulls = "{\"products\": [" + "null,".repeat(60_000) + "null]}";
        RawHttp.Answer tooMany =
                RawHttp.send("POST", "/api/v1/reports", json, nulls.getBytes(StandardCharsets.US_ASCII));
        assertThat(tooMany.status()).isEqualTo(400);
        JsonNode violation = Hostile.parse(tooMany.body()).path("violations").path(0);
        assertThat(violation.path("field").asText()).isEqualTo("products");
        assertThat(violation.path("message").asText()).isEqualTo("must hold at most 50 elements");
        // past the token limit the document itself is refused, naming the limit
        RawHttp.Answer tokens = RawHttp.send(
                "POST",
                "/api/v1/reports",
                json,
                ("{\"products\": [" + "null,".repeat(150_000) + "null]}").getBytes(StandardCharsets.US_ASCII));
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(Hostile.parse(tokens.body()).path("detail").asText()).contains("100000 tokens");
        RawHttp.Answer deep = RawHttp.send(
                "POST",
                "/api/v1/reports",
                json,
                ("{\"reporter\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.US_ASCII));
        assertThat(deep.status()).isEqualTo(400);
        // refused at its second level, where reporter has no field reporter (common.FirstUnknownField); until
        // 2026-12-03 the unknown field was buffered, nesting and all, until the depth limit refused the document
        JsonNode nested = Hostile.parse(deep.body());
        assertThat(nested.path("type").asText()).isEqualTo("urn:kaers:problem:validation");
        assertThat(nested.path("violations").path(0).path("field").asText()).isEqualTo("reporter.reporter");
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void everyTokenOutsideThePolicyIs401ProblemJsonAndAudited() {
        Instant now = Instant.now();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(
                "no audience",
                Jwt.issuer(Tokens.ISSUER)
                        .upn("a@test")
                        .groups(Set.of("ADMIN"))
                        .expiresIn(Duration.ofHours(1))
                        .sign(Tokens.devKey()));
        refused.put(
                "another audience",
                Jwt.issuer(Tokens.ISSUER)
                        .audience("someone-else")
                        .upn("a@test")
                        .groups(Set.of("ADMIN"))
                        .expiresIn(Duration.ofHours(1))
                        .sign(Tokens.devKey()));
        refused.put(
                "exp in the year 3000",
                Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE)
                        .upn("a@test")
                        .groups(Set.of("ADMIN"))
                        .issuedAt(now)
                        .expiresAt(Instant.parse("3000-01-01T00:00:00Z"))
                        .sign(Tokens.devKey()));
        refused.put(
                "issued tomorrow",
                Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE)
                        .upn("a@test")
                        .groups(Set.of("ADMIN"))
                        .issuedAt(now.plus(Duration.ofDays(1)))
                        .expiresAt(now.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)))
                        .sign(Tokens.devKey()));
        refused.put(
                "blank upn",
                Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE)
                        .upn(" ")
                        .subject("s@test")
                        .groups(Set.of("ADMIN"))
                        .expiresIn(Duration.ofHours(1))
                        .sign(Tokens.devKey()));
        refused.put(
                "blank principal",
                Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE)
                        .subject(" ")
                        .groups(Set.of("ADMIN"))
                        .expiresIn(Duration.ofHours(1))
                        .sign(Tokens.devKey()));
        refused.put("groups as an object", signed("\"groups\": {\"ADMIN\": true}"));
        refused.put("groups as a space-separated string", signed("\"groups\": \"ADMIN REVIEWER\""));
        refused.put("upn as a number", signed("\"groups\": [\"ADMIN\"], \"upn\": 7"));
        refused.put(
                "an unknown role",
                Jwt.issuer(Tokens.ISSUER)
                        .audience(Tokens.AUDIENCE)
                        .upn("a@test")
                        .groups(Set.of("ADMIN", "ROOT"))
                        .expiresIn(Duration.ofHours(1))
                        .sign(Tokens.devKey()));
        refused.put("expired", Tokens.expired("a@test", "ADMIN"));
        refused.put("another key", Tokens.signedByAnotherKey("a@test", "ADMIN"));
        refused.put("base64 padding", Tokens.ADMIN + "=");
        String[] parts = Tokens.ADMIN.split("\\.");
        refused.put(
                "alg none",
                java.util.Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + parts[1] + ".x");
        long audited = Hostile.awaitAudit(db, "/api/v1/reports", 401, 0);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> token : refused.entrySet()) {
            RawHttp.Answer answer =
                    RawHttp.get("/api/v1/reports", Map.of("Authorization", "Bearer " + token.getValue()));
            if (answer.status() != 401
                    || !String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")
                    || !String.valueOf(answer.header("WWW-Authenticate")).startsWith("Bearer")) {
                failures.add(token.getKey() + " -> " + answer.status() + " " + answer.header("Content-Type"));
            }
        }
        for (String header : List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer a.b", "Token " + Tokens.ADMIN)) {
            if (RawHttp.get("/api/v1/reports", Map.of("Authorization", header)).status() != 401) {
                failures.add(header + " accepted");
            }
        }
        assertThat(failures).isEmpty();
        int attempts = refused.size() + 4;
        assertThat(Hostile.awaitAudit(db, "/api/v1/reports", 401, audited + attempts))
                .isEqualTo(audited + attempts);
        assertThat(db.count("select count(*) from audit_event where status = 401 and actor is not null"))
                .isZero();
        // The scheme is case-insensitive (RFC 9110): the same token in any case is the same caller.
        for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
            assertThat(RawHttp.get("/api/v1/reports", Map.of("Authorization", scheme + " " + Tokens.ADMIN))
                            .status())
                    .as(scheme)
                    .isEqualTo(200);
        }
    }

    /** A token signed with the dev key whose claims the builder would refuse to write (groups as an object...). */
    private static String signed(String claims) {
        long now = Instant.now().getEpochSecond();
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload("{\"iss\": \"" + Tokens.ISSUER + "\", \"aud\": \"" + Tokens.AUDIENCE
                + "\", \"sub\": \"a@test\", " + "\"iat\": " + now + ", \"exp\": " + (now + 3600) + ", " + claims + "}");
        jws.setAlgorithmHeaderValue("RS256");
        jws.setKey(Tokens.devKey());
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void idempotencyKeysAreTheCallersOwn() {
        String alice = Tokens.bearer(Tokens.of("alice@test", "REPORTER"));
        String mallory = Tokens.bearer(Tokens.of("mallory@test", "REPORTER"));
        String key = "key-" + CaseReports.uniqueToken();
        String body = CaseReports.minimal().toString();
        // Mallory squats the key first, with another body
        String squatted = given().header("Authorization", mallory)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(CaseReports.liverInjury().toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        // Alice's first use of the same key is hers: a new case, not a 422 and not Mallory's case
        String own = given().header("Authorization", alice)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        assertThat(own).isNotEqualTo(squatted);
        // Mallory sending Alice's body with the key learns nothing about Alice's request: her own replay rules apply
        given().header("Authorization", mallory)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(422);
        // Alice's retry replays Alice's case
        given().header("Authorization", alice)
                .header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("caseNumber", org.hamcrest.Matchers.equalTo(own));
    }

    @Test
    void refusalsBeforeAWorkerThreadAreAuditedAndAnAbortIsNot500() {
        String marker = "/api/v1/reports/KAE-2026-" + CaseReports.uniqueToken();
        // 431: headers over 8 KiB
        RawHttp.Answer headers = RawHttp.get(marker, Map.of("Authorization", ADMIN, "X-Pad", "p".repeat(9000)));
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Hostile.awaitAudit(db, marker, 431, 1)).isEqualTo(1);
        // 414: a URI over 4 KiB
        String longPath = marker + "x".repeat(5000);
        assertThat(RawHttp.get(longPath, Map.of("Authorization", ADMIN)).status())
                .isEqualTo(414);
        assertThat(Hostile.awaitAudit(db, longPath.substring(0, 500), 414, 1)).isEqualTo(1);
        // 400 for a NUL
        assertThat(RawHttp.get(marker + "%00", Map.of("Authorization", ADMIN)).status())
                .isEqualTo(400);
        assertThat(Hostile.awaitAudit(db, marker + "%00", 400, 1)).isEqualTo(1);
        // 413 declared
        String post = "/api/v1/reports";
        long before413 = Hostile.awaitAudit(db, post, 413, 0);
        assertThat(RawHttp.send(
                                "POST",
                                post,
                                Map.of(
                                        "Authorization",
                                        ADMIN,
                                        "Content-Type",
                                        "application/json",
                                        "Content-Length",
                                        "5000000"),
                                null)
                        .status())
                .isEqualTo(413);
        assertThat(Hostile.awaitAudit(db, post, 413, before413 + 1)).isEqualTo(before413 + 1);
        // a client that goes away mid-body: not a 500, in the answer nor in the audit log
        String abort = "/api/v1/reports/" + caseNumber + "/follow-ups";
        RawHttp.abortMidBody(
                abort,
                Map.of("Authorization", ADMIN, "Content-Type", "application/json", "If-Match", "\"1\""),
                40_000,
                20_000);
        Hostile.awaitAudit(db, abort, 400, 1);
        assertThat(db.count("select count(*) from audit_event where status >= 500"))
                .isZero();
    }

    @Test
    void errorsNeverEchoWhatWasSent() {
        String marker = "ZQXJ" + CaseReports.uniqueToken();
        List<com.fasterxml.jackson.databind.node.ObjectNode> reports = new ArrayList<>();
        for (String field : List.of("qualification", "country", "organisation")) {
            var report = CaseReports.minimal();
            ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("reporter"))
                    .put(field, field.equals("organisation") ? marker.repeat(100) : marker);
            reports.add(report);
        }
        var wrongType = CaseReports.minimal();
        wrongType.putArray("narrative").add(marker);
        reports.add(wrongType);
        var badDate = CaseReports.minimal();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        badDate.get("reactions").get(0))
                .put("onsetDate", marker);
        reports.add(badDate);
        List<String> bodies =
                new ArrayList<>(reports.stream().map(Object::toString).toList());
        bodies.addAll(List.of(
                "{\"reporter\": \"" + marker + "\"}",
                "[\"" + marker + "\"]",
                "{\"reporter\": " + marker + "}",
                "{\"reporter\": {\"qualification\": [\"" + marker + "\"]}}"));
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (String body : bodies) {
            var response = given().header("Authorization", ADMIN)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/reports");
            String answer = response.asString();
            refused += response.statusCode() == 400 ? 1 : 0;
            if (response.statusCode() >= 400 && answer.contains(marker)) {
                failures.add(body.substring(0, Math.min(80, body.length())) + " -> " + answer);
            }
        }
        assertThat(refused).as("bodies refused").isGreaterThanOrEqualTo(bodies.size() - 1);
        for (String path : List.of(
                "/api/v1/reports/" + marker,
                "/api/v1/stats/counts?by=" + marker,
                "/api/v1/signals?product=" + marker,
                "/api/v1/reports?sex=" + marker,
                "/api/v1/vocabulary/terms/" + marker,
                "/api/v1/reports?page=" + marker)) {
            String answer = given().header("Authorization", ADMIN)
                    .get(path)
                    .then()
                    .extract()
                    .asString();
            if (answer.contains(marker)) {
                failures.add(path + " -> " + answer);
            }
        }
        // names (of unknown fields and parameters) are answered, but only in a safe spelling: never markup
        for (String body : List.of("{\"" + marker + "<script>alert(1)</script>\": 1}", "{\"a\\u0000b\": 1}")) {
            String answer = given().header("Authorization", ADMIN)
                    .contentType("application/json")
                    .body(body)
                    .post("/api/v1/reports")
                    .then()
                    .statusCode(400)
                    .extract()
                    .asString();
            if (answer.contains("<") || answer.contains("\\u0000")) {
                failures.add(body + " -> " + answer);
            }
        }
        String query = given().header("Authorization", ADMIN)
                .urlEncodingEnabled(false)
                .get("/api/v1/stats/counts?by=sex&%3Cimg%20src%3Dx%3E=1")
                .then()
                .statusCode(400)
                .extract()
                .asString();
        if (query.contains("<")) {
            failures.add("query name -> " + query);
        }
        assertThat(failures).isEmpty();
        // by=, (no dimension) is a 400 naming by, not a 500
        given().header("Authorization", ADMIN)
                .urlEncodingEnabled(false)
                .get("/api/v1/stats/counts?by=,")
                .then()
                .statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("by"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndLinksNeverComeFromHost() {
        List<String> failures = new ArrayList<>();
        Map<String, String> values = Map.of("caseNumber", caseNumber, "version", "1");
        for (Hostile.Endpoint endpoint : Hostile.endpoints()) {
            if (!endpoint.method().equals("GET")) {
                continue;
            }
            RawHttp.Answer answer = RawHttp.get(endpoint.path(values), Map.of("Authorization", ADMIN));
            Map<String, String> expected = Map.of(
                    "x-content-type-options",
                    "nosniff",
                    "x-frame-options",
                    "DENY",
                    "cache-control",
                    "no-store",
                    "referrer-policy",
                    "no-referrer");
            expected.forEach((name, value) -> {
                if (!value.equals(answer.header(name))) {
                    failures.add(endpoint.template() + " " + answer.status() + ": " + name + "=" + answer.header(name));
                }
            });
            if (!String.valueOf(answer.header("content-security-policy")).contains("frame-ancestors 'none'")
                    || answer.header("server") != null) {
                failures.add(endpoint.template() + ": CSP or Server");
            }
        }
        // router-level refusals carry them too
        RawHttp.Answer refused = RawHttp.get("/api/v1/reports/", Map.of());
        assertThat(refused.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(refused.header("cache-control")).isEqualTo("no-store");
        assertThat(failures).isEmpty();
        RawHttp.Answer created = RawHttp.send(
                "POST",
                "/api/v1/reports",
                Map.of("Authorization", ADMIN, "Content-Type", "application/json", "X-Forwarded-Host", "evil.example"),
                CaseReports.minimal().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("location"))
                .startsWith("/api/v1/reports/KAE-")
                .doesNotContain("localhost");
    }
}
