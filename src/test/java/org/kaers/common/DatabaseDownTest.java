package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;

/**
 * The service with its database unreachable (a port where nothing listens; no migrations at start): requests that
 * need the database get 503 problem+json with Retry-After, never a 500 or a hang; readiness is DOWN, liveness UP.
 * What happens when PostgreSQL restarts under load is measured by the load harness (README, "Load and faults").
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.Unreachable.class)
class DatabaseDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://127.0.0.1:1/kaers_test",
                    "quarkus.flyway.migrate-at-start",
                    "false",
                    "quarkus.flyway.clean-at-start",
                    "false",
                    "quarkus.hibernate-orm.schema-management.strategy",
                    "none",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.signals.refit-check",
                    "off");
        }
    }

    @Test
    void aSubmissionIs503WithRetryAfter() {
        Response response = given().contentType("application/json")
                .header("Idempotency-Key", "db-down-1")
                .body(CaseReports.liverInjury().toString())
                .post("/api/v1/reports");
        assertUnavailable(response);
        assertThat(response.jsonPath().getString("detail")).contains("database").contains("Idempotency-Key");
    }

    @Test
    void statisticsAndReadsAre503() {
        assertUnavailable(given().get("/api/v1/stats/counts?by=product"));
        assertUnavailable(given().get("/api/v1/reports/KAE-2026-000001"));
        assertUnavailable(given().get("/api/v1/reports"));
    }

    @Test
    void notReadyButAlive() {
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        JsonPath body = ready.jsonPath();
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getList("checks.findAll { it.status == 'DOWN' }.name", String.class))
                .contains("database");
        given().get("/q/health/live").then().statusCode(200);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.jsonPath().getString("type")).isEqualTo("urn:kaers:problem:service-unavailable");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(503);
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("postgresql");
    }
}
