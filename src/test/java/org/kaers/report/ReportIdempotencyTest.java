package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class ReportIdempotencyTest {

    @Inject
    TestDatabase db;

    @Test
    void replayedCreateReturnsTheOriginalAndStoresOneCase() {
        String key = CaseReports.uniqueToken();
        ObjectNode report = CaseReports.withProduct(key);

        Response first = create(key, report.toString());
        first.then().statusCode(201);
        var afterFirst = db.rowCounts();
        // Same content, different formatting: still the same request.
        Response second = create(key, report.toPrettyString());
        second.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("ETag", "\"1\"")
                .header("Location", first.header("Location"));

        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(db.rowCounts()).isEqualTo(afterFirst);
        assertThat(db.count("select count(*) from case_product where name_reported = '" + key + "'"))
                .isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndStoresNothing() {
        String key = CaseReports.uniqueToken();
        create(key, CaseReports.withProduct(key).toString()).then().statusCode(201);
        var before = db.rowCounts();
        create(key, CaseReports.withProduct(key + "x").toString())
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:idempotency-key-reused"))
                .body("violations.field", contains("Idempotency-Key"))
                .body("violations.in", contains("header"));
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void replayedFollowUpAddsOneVersion() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        String key = CaseReports.uniqueToken();
        for (int attempt = 0; attempt < 3; attempt++) {
            given().contentType(ContentType.JSON)
                    .header("If-Match", "\"1\"")
                    .header("Idempotency-Key", key)
                    .body(CaseReports.minimal().toString())
                    .when()
                    .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                    .then()
                    .statusCode(201)
                    .body("version", equalTo(2));
        }
        given().get("/api/v1/reports/" + caseNumber + "/versions").then().body("version", contains(1, 2));
    }

    @Test
    void malformedKeyIs400() {
        var before = db.rowCounts();
        create("x".repeat(201), CaseReports.minimal().toString())
                .then()
                .statusCode(400)
                .body("violations.field", contains("Idempotency-Key"))
                .body("violations.in", contains("header"));
        create("has space", CaseReports.minimal().toString()).then().statusCode(400);
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void failedRequestDoesNotUseUpItsKey() {
        String key = CaseReports.uniqueToken();
        ObjectNode invalid = CaseReports.minimal();
        invalid.remove("reactions");
        create(key, invalid.toString()).then().statusCode(400);
        create(key, CaseReports.minimal().toString()).then().statusCode(201);
    }

    private static Response create(String key, String body) {
        return given().contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .when()
                .post("/api/v1/reports");
    }
}
