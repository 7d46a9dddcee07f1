package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.kaers.fixtures.JsonAssertions.assertJsonEquals;
import static org.kaers.fixtures.JsonAssertions.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class ReportFollowUpTest {

    @Inject
    TestDatabase db;

    @Test
    void followUpAddsAVersionAndKeepsTheOldOneUnchanged() {
        ObjectNode initial = CaseReports.liverInjury();
        String caseNumber = CaseReports.submit(initial);
        String v1 = given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString();

        ObjectNode followUp = initial.deepCopy();
        CaseReports.reaction(followUp, 0).put("outcome", "RECOVERED");
        followUp.put("narrative", "Bilirubin normalised at week 6.");
        String location = given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("caseNumber", equalTo(caseNumber))
                .body("version", equalTo(2))
                .body("latestVersion", equalTo(2))
                .body("versionType", equalTo("FOLLOW_UP"))
                .body("report.narrative", equalTo("Bilirubin normalised at week 6."))
                .extract()
                .header("Location");
        assertThat(location).endsWith("/api/v1/reports/" + caseNumber + "/versions/2");

        JsonNode latest = read(given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .extract()
                .asString());
        assertJsonEquals(followUp, latest.get("report"));
        assertThat(latest.get("receivedAt")).isEqualTo(read(v1).get("receivedAt"));

        JsonNode version1 = read(given().get("/api/v1/reports/" + caseNumber + "/versions/1")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .extract()
                .asString());
        ObjectNode expectedV1 = (ObjectNode) read(v1);
        expectedV1.put("latestVersion", 2);
        assertJsonEquals(expectedV1, version1);

        given().get("/api/v1/reports/" + caseNumber + "/versions")
                .then()
                .statusCode(200)
                .body("version", contains(1, 2))
                .body("versionType", contains("INITIAL", "FOLLOW_UP"))
                .body("serious", contains(true, true));
    }

    @Test
    void amendmentIsRecordedAsSuch() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .queryParam("type", "AMENDMENT")
                .body(CaseReports.minimal().toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201)
                .body("versionType", equalTo("AMENDMENT"));
    }

    @Test
    void staleIfMatchIs412AndStoresNothing() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        followUp(caseNumber, "\"1\"").then().statusCode(201);
        var before = db.rowCounts();

        followUp(caseNumber, "\"1\"")
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .header("ETag", "\"2\"")
                .body("type", equalTo("urn:kaers:problem:precondition-failed"))
                .body("detail", equalTo("the case has changed: its current version is 2; read it and try again"));
        followUp(caseNumber, "W/\"2\"").then().statusCode(412);
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void missingOrWildcardIfMatchIs428() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        var before = db.rowCounts();
        given().contentType(ContentType.JSON)
                .body(CaseReports.minimal().toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:precondition-required"));
        followUp(caseNumber, "*").then().statusCode(428);
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void followUpIsValidatedLikeASubmission() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        var before = db.rowCounts();
        ObjectNode invalid = CaseReports.minimal();
        CaseReports.product(invalid, 0).put("role", "CONCOMITANT");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(invalid.toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(400)
                .body("violations.field", contains("products"));
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void unknownTypeUnknownCaseAndUnknownVersion() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .queryParam("type", "INITIAL")
                .body(CaseReports.minimal().toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("type"))
                .body("violations[0].in", equalTo("query"));
        followUp("KAE-2026-999999998", "\"1\"").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/reports/" + caseNumber + "/versions/2")
                .then()
                .statusCode(404)
                .body("detail", equalTo("case " + caseNumber + " has no version 2; its latest is 1"));
        given().get("/api/v1/reports/" + caseNumber + "/versions/zero")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("version"))
                .body("violations[0].in", equalTo("path"));
        given().get("/api/v1/reports/KAE-2026-999999998/versions").then().statusCode(404);
    }

    @Test
    void concurrentFollowUpsOnOneVersionLetExactlyOneWin() throws Exception {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.Callable<Integer> attempt =
                    () -> followUp(caseNumber, "\"1\"").statusCode();
            var results = pool.invokeAll(java.util.Collections.nCopies(4, attempt));
            var statuses = new java.util.ArrayList<Integer>();
            for (var r : results) {
                statuses.add(r.get());
            }
            assertThat(statuses)
                    .containsOnly(201, 412)
                    .filteredOn(s -> s == 201)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/v1/reports/" + caseNumber + "/versions").then().body("version", contains(1, 2));
    }

    static io.restassured.response.Response followUp(String caseNumber, String ifMatch) {
        return given().contentType(ContentType.JSON)
                .header("If-Match", ifMatch)
                .body(CaseReports.minimal().toString())
                .when()
                .post("/api/v1/reports/" + caseNumber + "/follow-ups");
    }
}
