package org.kaers.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.DefaultToken;

/** Black-box test of the packaged application (target/quarkus-app) against the real test database. */
@QuarkusIntegrationTest
class SubmitAndReadIT {

    /** The packaged service verifies tokens too; integration tests are not @QuarkusTest, so no callback. */
    @BeforeEach
    void adminToken() {
        DefaultToken.install(true);
    }

    @Test
    void submitFollowUpAndReadThePackagedService() {
        String location = given().contentType(ContentType.JSON)
                .body(CaseReports.liverInjury().toString())
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("caseNumber", matchesPattern("KAE-\\d{4}-\\d{6,}"))
                .body("derived.liverInjury.pattern", equalTo("HEPATOCELLULAR"))
                .extract()
                .header("Location");

        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(CaseReports.liverInjury().put("narrative", "follow-up").toString())
                .when()
                .post(location + "/follow-ups")
                .then()
                .statusCode(201)
                .body("version", equalTo(2));

        given().get(location)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("report.narrative", equalTo("follow-up"))
                .body("report.products[0].name", equalTo("Maeng Da Kratom Powder"));
        given().get(location + "/versions/1")
                .then()
                .statusCode(200)
                .body(
                        "report.narrative",
                        equalTo(CaseReports.liverInjury().get("narrative").asText()));
    }

    @Test
    void packagedServiceAnswersProblemsAndHealth() {
        given().contentType(ContentType.JSON)
                .body("{")
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
