package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class ReportNullificationTest {

    @Inject
    TestDatabase db;

    @Test
    void duplicateIsNullifiedOnceAndPointsAtTheSurvivor() {
        String survivor = CaseReports.submit(CaseReports.minimal());
        String duplicate = CaseReports.submit(CaseReports.minimal());

        nullify(duplicate, """
                {"reason": "DUPLICATE", "comment": "same patient", "duplicateOf": "%s"}""".formatted(survivor))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("NULLIFIED"))
                .body("nullification.reason", equalTo("DUPLICATE"))
                .body("nullification.comment", equalTo("same patient"))
                .body("nullification.duplicateOf", equalTo(survivor))
                .body("nullification.nullifiedAt", notNullValue());

        given().get("/api/v1/reports/" + duplicate)
                .then()
                .statusCode(200)
                .body("status", equalTo("NULLIFIED"))
                .body("nullification.duplicateOf", equalTo(survivor))
                .body("report.reactions[0].verbatim", equalTo("vomiting"));

        var before = db.rowCounts();
        nullify(duplicate, "{\"reason\": \"REPORTED_IN_ERROR\"}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:already-nullified"));
        ReportFollowUpTest.followUp(duplicate, "\"1\"")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:kaers:problem:already-nullified"));
        assertThat(db.rowCounts()).isEqualTo(before);
        assertThat(db.count("select count(*) from case_report where case_number = '" + duplicate
                        + "' and status = 'NULLIFIED' and nullification_reason = 'DUPLICATE'"))
                .isEqualTo(1);
    }

    @Test
    void invalidNullificationsChangeNothing() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        String nullified = CaseReports.submit(CaseReports.minimal());
        String other = CaseReports.submit(CaseReports.minimal());
        nullify(nullified, "{\"reason\": \"NO_REAL_PATIENT\"}").then().statusCode(200);

        nullify(caseNumber, "{}").then().statusCode(400).body("violations.field", contains("reason"));
        nullify(caseNumber, "{\"reason\": \"BORED\"}")
                .then()
                .statusCode(400)
                .body("violations.field", contains("reason"));
        nullify(caseNumber, "{\"reason\": \"OTHER\"}")
                .then()
                .statusCode(400)
                .body("violations.field", contains("comment"));
        // another active case, so that only the reason is wrong (a fixed number could be this very case)
        nullify(caseNumber, "{\"reason\": \"REPORTED_IN_ERROR\", \"duplicateOf\": \"%s\"}".formatted(other))
                .then()
                .statusCode(400)
                .body("violations.field", contains("duplicateOf"))
                .body("violations.message", contains("is only allowed with reason DUPLICATE"));
        nullify(caseNumber, "{\"reason\": \"DUPLICATE\", \"duplicateOf\": \"KAE-2026-999999997\"}")
                .then()
                .statusCode(400)
                .body("violations.message", contains("no case has this number"));
        nullify(caseNumber, "{\"reason\": \"DUPLICATE\", \"duplicateOf\": \"%s\"}".formatted(caseNumber))
                .then()
                .statusCode(400)
                .body("violations.message", contains("must name another case"));
        nullify(caseNumber, "{\"reason\": \"DUPLICATE\", \"duplicateOf\": \"%s\"}".formatted(nullified))
                .then()
                .statusCode(400)
                .body("violations.message", contains("names a nullified case"));
        nullify(caseNumber, "{\"reason\": \"DUPLICATE\", \"duplicateOf\": \"not a case\"}")
                .then()
                .statusCode(400)
                .body("violations.field", contains("duplicateOf"));
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"7\"")
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .when()
                .post("/api/v1/reports/" + caseNumber + "/nullification")
                .then()
                .statusCode(412);
        nullify("KAE-2026-999999996", "{\"reason\": \"NO_REAL_PATIENT\"}")
                .then()
                .statusCode(404);

        given().get("/api/v1/reports/" + caseNumber).then().body("status", equalTo("ACTIVE"));
    }

    static io.restassured.response.Response nullify(String caseNumber, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/reports/" + caseNumber + "/nullification");
    }
}
