package org.kaers.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;

/** Each audited action leaves one entry, with who, what and the answer; nothing can change the log. */
@QuarkusTest
@NoDefaultToken
class AuditLogTest {

    @Inject
    TestDatabase db;

    private final String token = CaseReports.uniqueToken();
    private final String reporterName = "audit-" + token + "@clinic.test";
    private final String reporter = Tokens.of(reporterName, "REPORTER");
    private final String intruderName = "intruder-" + token + "@clinic.test";
    private final String intruder = Tokens.of(intruderName, "REPORTER");

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    @Test
    void everyAuditedActionHasItsEntry() {
        String number = as(reporter)
                .contentType(ContentType.JSON)
                .body(CaseReports.minimal().toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        as(reporter).get("/api/v1/reports/" + number).then().statusCode(200);
        as(reporter).get("/api/v1/reports/" + number + "/versions/1").then().statusCode(200);
        as(reporter)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(CaseReports.minimal().toString())
                .post("/api/v1/reports/" + number + "/follow-ups")
                .then()
                .statusCode(201);
        as(reporter).get("/api/v1/reports").then().statusCode(200); // a list of summaries: not audited
        as(intruder).get("/api/v1/reports/" + number).then().statusCode(404); // a refused read: audited

        List<Map<String, Object>> mine = as(Tokens.ADMIN)
                .queryParam("actor", reporterName)
                .queryParam("size", 100)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(mine)
                .extracting(e -> e.get("action") + " " + e.get("resource") + " " + e.get("status"))
                .containsExactly(
                        "POST /api/v1/reports/" + number + "/follow-ups 201",
                        "GET /api/v1/reports/" + number + "/versions/1 200",
                        "GET /api/v1/reports/" + number + " 200",
                        "POST /api/v1/reports 201");
        assertThat(mine).allSatisfy(e -> {
            assertThat(e.get("roles")).isEqualTo("REPORTER");
            assertThat(e.get("client")).isNotNull();
            assertThat(e.get("at")).isNotNull();
        });
        List<Map<String, Object>> theirs = as(Tokens.ADMIN)
                .queryParam("actor", intruderName)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(theirs)
                .extracting(e -> e.get("action") + " " + e.get("status"))
                .containsExactly("GET 404");
    }

    @Test
    void theLogCannotBeChanged() {
        as(Tokens.ADMIN).delete("/api/v1/audit").then().statusCode(405);
        as(Tokens.ADMIN)
                .contentType(ContentType.JSON)
                .body("{}")
                .put("/api/v1/audit")
                .then()
                .statusCode(405);
        as(Tokens.ADMIN).get("/api/v1/audit").then().statusCode(200); // so there is at least one entry
        assertThatThrownBy(() -> db.count("with d as (delete from audit_event returning 1) select count(*) from d"))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() ->
                        db.count("with u as (update audit_event set actor = 'x' returning 1) select count(*) from u"))
                .hasStackTraceContaining("append-only");
        as(Tokens.ADMIN)
                .queryParam("action", "SMUGGLE")
                .get("/api/v1/audit")
                .then()
                .statusCode(400);
        as(Tokens.of("r@test", "RESEARCHER")).get("/api/v1/audit").then().statusCode(403);
    }
}
