package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.kaers.fixtures.Problems.assertBadRequest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kaers.common.Problem;
import org.kaers.fixtures.TestRole;

/**
 * The statistics endpoints bind their query parameters as records (issue #15): an undeclared or repeated
 * parameter, a value that does not convert and one the rules refuse are each a 400 problem naming the parameter.
 */
@QuarkusTest
@TestRole("REVIEWER")
class StatsParameterBindingTest {

    @Test
    void anUnknownParameterOnTheCountsIsA400NamingIt() {
        given().queryParam("by", "sex")
                .queryParam("colour", "red")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("colour"))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", startsWith("unknown parameter; allowed: ageGroup, by, careLevel"));
    }

    @Test
    void byWithNoDimensionIsA400NamingBy() {
        assertBadRequest(
                given().queryParam("by", ",").get("/api/v1/stats/counts"),
                "by",
                startsWith("names something that is not a dimension"));
        assertBadRequest(
                given().get("/api/v1/stats/counts"), "by", startsWith("is required: one or two of product, substance"));
    }

    @Test
    void aRepeatedSingleValuedParameterIsA400() {
        assertBadRequest(
                given().queryParam("by", "sex")
                        .queryParam("sex", "MALE", "FEMALE")
                        .get("/api/v1/stats/counts"),
                "sex",
                "given more than once");
        // Several values of a filter are one comma-separated parameter.
        given().queryParam("by", "sex")
                .queryParam("sex", "MALE,FEMALE")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.filters.sex", org.hamcrest.Matchers.contains("MALE", "FEMALE"));
    }

    @Test
    void anEmptyValueIsA400NamingItNotAFilterDropped() {
        for (String path : java.util.List.of(
                "/api/v1/stats/counts?by=sex&sex=",
                "/api/v1/stats/trends?sex=",
                "/api/v1/stats/line-listing?sex=",
                "/api/v1/signals?substance=KRATOM&sex=")) {
            assertBadRequest(given().urlEncodingEnabled(false).get(path), "sex", "must not be blank");
        }
    }

    @Test
    void aPageThatIsNotANumberIsA400NamingPage() {
        for (String path : java.util.List.of("/api/v1/stats/counts?by=sex", "/api/v1/stats/liver-peaks")) {
            assertBadRequest(
                    given().urlEncodingEnabled(false).get(path + (path.contains("?") ? "&" : "?") + "page=first"),
                    "page",
                    "must be a whole number between 0 and 1000000");
        }
        assertBadRequest(
                given().queryParam("by", "sex").queryParam("size", 1001).get("/api/v1/stats/counts"),
                "size",
                "must be between 1 and 1000");
    }

    @Test
    void trendsSummariesAndTheOtherEndpointsNameWhatTheyRefuse() {
        assertBadRequest(
                given().queryParam("interval", "WEEK").get("/api/v1/stats/trends"),
                "interval",
                "not one of the allowed values: MONTH, QUARTER, YEAR");
        assertBadRequest(
                given().queryParam("receivedFrom", "2026-13-01").get("/api/v1/stats/trends"),
                "receivedFrom",
                "must be a date as YYYY-MM-DD");
        assertBadRequest(given().queryParam("sex", "MALE").get("/api/v1/stats/summary"), "substance");
        assertBadRequest(
                given().queryParam("page", 0).get("/api/v1/stats/summary"), "page", startsWith("unknown parameter"));
        assertBadRequest(
                given().queryParam("x", 1).get("/api/v1/stats/aggregates"), "x", "unknown parameter; allowed: ");
        assertBadRequest(
                given().queryParam("by", "sex", "ageGroup").get("/api/v1/public/stats/counts"),
                "by",
                "given more than once");
        assertBadRequest(given().get("/api/v1/public/stats/counts"), "by", "is required");
    }

    /** A padded text is stripped when it is bound (common.TextConverter), before its pattern is checked. */
    @Test
    void aPaddedValueIsStrippedBeforeItIsChecked() {
        given().queryParam("interval", " QUARTER ")
                .queryParam("date", "\tonset ")
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(200);
        given().queryParam("by", " sex ")
                .queryParam("sex", " MALE , FEMALE ")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.filters.sex", org.hamcrest.Matchers.contains("MALE", "FEMALE"));
    }
}
