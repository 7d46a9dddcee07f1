package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every pooled connection busy for longer than the acquisition timeout (as when requests pile up behind a
 * database restart): the request waits 1 s, then gets 503 problem+json with Retry-After, not a 500; once a
 * connection is free the same request succeeds. Readiness stays UP meanwhile: the database is reachable.
 */
@QuarkusTest
@TestProfile(PoolExhaustedTest.TwoConnections.class)
class PoolExhaustedTest {

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size",
                    "2",
                    "quarkus.datasource.jdbc.min-size",
                    "0",
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "1S",
                    "quarkus.datasource.jdbc.login-timeout",
                    "1S",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.signals.refit-check",
                    "off");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aRequestThatFindsNoConnectionIs503ThenSucceeds() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            held.add(dataSource.getConnection());
            held.add(dataSource.getConnection());
            Response refused = given().get("/api/v1/reports");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:kaers:problem:service-unavailable");
            // the database itself is reachable: the instance stays ready (the check does not borrow from the pool)
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().get("/api/v1/reports").then().statusCode(200);
    }
}
