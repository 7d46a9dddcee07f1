package org.kaers.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;

/** Limits of 5 per credential and 8 per address (over an hour: no token comes back while the test runs): the next request is 429 with Retry-After. */
@QuarkusTest
@NoDefaultToken
@TestProfile(RateLimitTest.Low.class)
class RateLimitTest {

    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kaers.rate-limit.per-credential",
                    "5",
                    "kaers.rate-limit.per-address",
                    "8",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.rate-limit.period",
                    "1h");
        }
    }

    @Test
    void perCredentialThenPerAddress() {
        String first = Tokens.of("first@test", "RESEARCHER");
        for (int i = 0; i < 5; i++) {
            get(first).then().statusCode(200);
        }
        Response limited = get(first);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 720); // one token of 5 an hour
        limited.then()
                .body("type", equalTo("urn:kaers:problem:too-many-requests"))
                .body("status", equalTo(429));

        // Another credential from the same address: its own 5, but the address allows 8 in all (6 used).
        String second = Tokens.of("second@test", "RESEARCHER");
        get(second).then().statusCode(200);
        get(second).then().statusCode(200);
        get(second).then().statusCode(429);
        // Health is not limited.
        given().get("/q/health/live").then().statusCode(200);
    }

    private static Response get(String token) {
        return given().header("Authorization", Tokens.bearer(token)).get("/api/v1/substances");
    }
}
