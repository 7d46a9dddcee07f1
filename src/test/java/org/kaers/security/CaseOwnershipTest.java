package org.kaers.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;

/** A reporter sees and follows up only their own cases; guessing another's case number finds nothing. */
@QuarkusTest
@NoDefaultToken
class CaseOwnershipTest {

    @Inject
    TestDatabase db;

    private final String token = CaseReports.uniqueToken();
    private final String alice = Tokens.of("alice-" + token + "@clinic.test", "REPORTER");
    private final String bob = Tokens.of("bob-" + token + "@clinic.test", "REPORTER");
    private final String reviewer = Tokens.of("rita@safety.test", "REVIEWER");

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    @Test
    void anotherReportersCaseIsNotThere() {
        String product = "Ownership kratom " + token;
        String number = as(alice)
                .contentType(ContentType.JSON)
                .body(CaseReports.withProduct(product).toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        as(alice).get("/api/v1/reports/" + number).then().statusCode(200);
        assertThat(db.string("select submitted_by from case_version where case_id = (select id from case_report"
                        + " where case_number = '" + number + "')"))
                .isEqualTo("alice-" + token + "@clinic.test");

        // Bob: the same 404 as for a case that does not exist, for every way in.
        String missing = as(bob).get("/api/v1/reports/" + number)
                .then()
                .statusCode(404)
                .extract()
                .path("detail");
        String nothing = as(bob).get("/api/v1/reports/KAE-2000-999999")
                .then()
                .statusCode(404)
                .extract()
                .path("detail");
        assertThat(missing.replace(number, "N")).isEqualTo(nothing.replace("KAE-2000-999999", "N"));
        as(bob).get("/api/v1/reports/" + number + "/versions").then().statusCode(404);
        as(bob).get("/api/v1/reports/" + number + "/versions/1").then().statusCode(404);
        as(bob).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(CaseReports.withProduct(product).toString())
                .post("/api/v1/reports/" + number + "/follow-ups")
                .then()
                .statusCode(404);
        assertThat(db.count("select current_version from case_report where case_number = '" + number + "'"))
                .isEqualTo(1);
        as(bob).queryParam("product", product)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));
        // Reporters cannot nullify at all.
        as(alice)
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + number + "/nullification")
                .then()
                .statusCode(403);

        // Alice lists and follows up her own; a reviewer sees it too.
        as(alice)
                .queryParam("product", product)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1));
        as(alice)
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(CaseReports.withProduct(product).toString())
                .post("/api/v1/reports/" + number + "/follow-ups")
                .then()
                .statusCode(201);
        as(reviewer).get("/api/v1/reports/" + number).then().statusCode(200).body("version", equalTo(2));
        as(reviewer)
                .queryParam("product", product)
                .get("/api/v1/reports")
                .then()
                .body("totalItems", equalTo(1));
    }

    @Test
    void anIdempotencyKeyIsTheCallersOwn() {
        String key = "shared-key-" + token;
        String body = CaseReports.withProduct("Idem kratom " + token).toString();
        String first = as(alice)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        // Bob replaying Alice's key with Alice's body does not get Alice's case back: the key is his own, so he
        // stores his own case (neither a replay of Alice's nor a 422 that would tell him the key exists).
        String answer = as(bob).contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        assertThat(answer).doesNotContain(first);
        String his = CaseReports.parse(answer).get("caseNumber").asText();
        // and his retry replays his case
        as(bob).contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("caseNumber", org.hamcrest.Matchers.equalTo(his));
    }
}
