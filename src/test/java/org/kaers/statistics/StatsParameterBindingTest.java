package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
        given().queryParam("by", ",")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].message", startsWith("names something that is not a dimension"));
        given().get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].message", startsWith("is required: one or two of product, substance"));
    }

    @Test
    void aRepeatedSingleValuedParameterIsA400() {
        given().queryParam("by", "sex")
                .queryParam("sex", "MALE", "FEMALE")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations[0].field", equalTo("sex"))
                .body("violations[0].message", equalTo("given more than once"));
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
            given().urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType(startsWith(Problem.MEDIA_TYPE))
                    .body("violations[0].field", equalTo("sex"))
                    .body("violations[0].message", equalTo("must not be blank"));
        }
    }

    @Test
    void aPageThatIsNotANumberIsA400NamingPage() {
        for (String path : java.util.List.of("/api/v1/stats/counts?by=sex", "/api/v1/stats/liver-peaks")) {
            given().urlEncodingEnabled(false)
                    .get(path + (path.contains("?") ? "&" : "?") + "page=first")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith(Problem.MEDIA_TYPE))
                    .body("violations[0].field", equalTo("page"))
                    .body("violations[0].in", equalTo("query"))
                    .body("violations[0].message", equalTo("must be a whole number between 0 and 1000000"));
        }
        given().queryParam("by", "sex")
                .queryParam("size", 1001)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("size"))
                .body("violations[0].message", equalTo("must be between 1 and 1000"));
    }

    @Test
    void trendsSummariesAndTheOtherEndpointsNameWhatTheyRefuse() {
        given().queryParam("interval", "WEEK")
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("interval"))
                .body("violations[0].message", equalTo("not one of the allowed values: MONTH, QUARTER, YEAR"));
        given().queryParam("receivedFrom", "2026-13-01")
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("receivedFrom"))
                .body("violations[0].message", equalTo("must be a date as YYYY-MM-DD"));
        given().queryParam("sex", "MALE")
                .get("/api/v1/stats/summary")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("substance"));
        given().queryParam("page", 0)
                .get("/api/v1/stats/summary")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("page"))
                .body("violations[0].message", startsWith("unknown parameter"));
        given().queryParam("x", 1)
                .get("/api/v1/stats/aggregates")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("x"))
                .body("violations[0].message", equalTo("unknown parameter; allowed: "));
        given().queryParam("by", "sex", "ageGroup")
                .get("/api/v1/public/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].message", equalTo("given more than once"));
        given().get("/api/v1/public/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("by"))
                .body("violations[0].message", equalTo("is required"));
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
