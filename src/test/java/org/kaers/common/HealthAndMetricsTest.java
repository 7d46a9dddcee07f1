package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void livenessAndReadinessIncludingTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    @Test
    void prometheusMetricsCountReceivedReportsWithoutPatientData() {
        String token = CaseReports.uniqueToken();
        given().contentType(ContentType.JSON)
                .body(CaseReports.withProduct(token).toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("kaers_reports_received_total{source=\"DIRECT\",type=\"INITIAL\"}"))
                .body(not(containsString(token)));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
