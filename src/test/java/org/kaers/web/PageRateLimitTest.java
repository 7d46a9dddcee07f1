package org.kaers.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;

/**
 * The pages' own API calls are rate-limited for the browser and the user they are made for (security.PageCalls),
 * not for the service's loopback connection: two page users do not share a bucket, and an outside request that
 * carries the page-call headers is an ordinary client.
 */
@QuarkusTest
@NoDefaultToken
@TestProfile(PageRateLimitTest.Low.class)
class PageRateLimitTest {

    private static final String COOKIE = "__Host-kaers-session";

    /** 8 requests per address (over an hour: none comes back during the test); per credential far more. */
    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kaers.rate-limit.per-credential",
                    "1000",
                    "kaers.rate-limit.per-address",
                    "8",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.rate-limit.period",
                    "1h");
        }
    }

    @Test
    void pageUsersDoNotShareABucketAndOutsideRequestsCannotClaimToBePageCalls() {
        // 2 requests from this address
        String first = PagesTest.signIn("page.first@test", "REPORTER");
        String second = PagesTest.signIn("page.second@test", "REPORTER");
        // 6 more page requests from this address (8 in all), each making its own API call over the loopback: those
        // 6 calls count for (this address, that user) and not for the loopback address, or the 5th page would be 429
        for (int i = 0; i < 3; i++) {
            given().cookie(COOKIE, first).get("/cases").then().statusCode(200).body(containsString("page.first@test"));
            given().cookie(COOKIE, second)
                    .get("/cases")
                    .then()
                    .statusCode(200)
                    .body(containsString("page.second@test"));
        }
        // this address has used its 8: a request claiming to be a page call for another browser is not trusted
        given().header("Authorization", Tokens.bearer(Tokens.of("outsider@test", "RESEARCHER")))
                .header("KAERS-Page-Call", "guessed-secret")
                .header("KAERS-Page-Client", "203.0.113.9")
                .get("/api/v1/substances")
                .then()
                .statusCode(429)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.of("outsider2@test", "RESEARCHER")))
                .header("KAERS-Page-Client", "203.0.113.10")
                .get("/api/v1/substances")
                .then()
                .statusCode(429);
        // and a page request from it is limited like any other request
        given().cookie(COOKIE, first).get("/cases").then().statusCode(429);
    }
}
