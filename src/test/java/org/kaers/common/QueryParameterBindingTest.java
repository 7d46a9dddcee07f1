package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.kaers.fixtures.Problems.assertBadRequest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestRole;

/**
 * How query parameters are bound, across endpoints: a bad value, an unknown or a repeated parameter and an
 * empty list element are each a 400 problem that names the parameter, before any work is done.
 */
@QuarkusTest
@TestRole("REVIEWER")
class QueryParameterBindingTest {

    @Test
    void aBadIntegerIsA400NamingTheParameter() {
        given().queryParam("product", 1)
                .queryParam("minCases", "many")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.field", hasItem("minCases"))
                .body("violations.in", hasItem("query"));
        given().queryParam("by", "sex")
                .queryParam("size", "x")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.field", hasItem("size"));
    }

    @Test
    void anUnknownParameterIsRefused() {
        given().queryParam("product", 1)
                .queryParam("colour", "red")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.field", hasItem("colour"));
        given().queryParam("against", "symptom")
                .queryParam("colour", "red")
                .get("/api/v1/signals/prior")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("colour"));
        given().queryParam("by", "sex")
                .queryParam("colour", "red")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("colour"));
    }

    @Test
    void anEmptyListElementIsA400() {
        given().queryParam("by", ",")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.field", hasItem("by"));
        given().queryParam("by", "sex,")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("by"));
    }

    @Test
    void aRepeatedSingleValuedParameterIsRefused() {
        given().queryParam("product", 1)
                .queryParam("minCases", 1, 2)
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.find { it.field == 'minCases' }.message", equalTo("given more than once"));
        given().queryParam("by", "sex", "ageGroup")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations.find { it.field == 'by' }.message", equalTo("given more than once"));
    }

    @Test
    void aValueTheConverterRefusesIsA400NotA404() {
        assertBadRequest(
                given().queryParam("against", "organClass").get("/api/v1/signals/prior"),
                "against",
                "one of: symptom, verbatim");
        assertBadRequest(
                given().queryParam("against", "symptom", "verbatim").get("/api/v1/signals/prior"),
                "against",
                "given more than once");
        assertBadRequest(
                given().queryParam("colour", "red").get("/api/v1/signals/prior"),
                "colour",
                "unknown parameter; allowed: against");
    }

    @Test
    void anEndpointWithoutQueryParametersRefusesAny() {
        assertBadRequest(
                given().queryParam("x", 1).get("/api/v1/stats/releases/latest"), "x", "unknown parameter; allowed: ");
        assertBadRequest(
                given().queryParam("x", 1).get("/api/v1/stats/protection"), "x", "unknown parameter; allowed: ");
    }

    @Test
    void aBeanParamOutOfRangeIsA400NamingTheQueryParameter() {
        given().queryParam("size", 0)
                .get("/api/v1/products/review-queue")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("size"))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", equalTo("must be between 1 and 100"));
        assertBadRequest(
                given().queryParam("page", -1).get("/api/v1/vocabulary/coding-queue"),
                "page",
                "must be between 0 and 1000000");
    }

    @Test
    void aPageThatIsNotAWholeNumberIsA400NotA404() {
        assertBadRequest(
                given().queryParam("size", "x").get("/api/v1/products/review-queue"),
                "size",
                "must be a whole number between 1 and 100");
    }

    @Test
    void aPagedEndpointRefusesUnknownAndRepeatedParameters() {
        assertBadRequest(
                given().queryParam("colour", "red").get("/api/v1/products/review-queue"),
                "colour",
                "unknown parameter; allowed: page, size");
        assertBadRequest(
                given().queryParam("size", 5, 6).get("/api/v1/vocabulary/coding-queue"),
                "size",
                "given more than once");
        given().queryParam("page", " 0 ")
                .queryParam("size", 5)
                .get("/api/v1/products/review-queue")
                .then()
                .statusCode(200)
                .body("size", equalTo(5));
    }

    @Test
    void theProductListRefusesBadFiltersByName() {
        assertBadRequest(
                given().queryParam("curated", "yes").get("/api/v1/products"), "curated", "must be true or false");
        assertBadRequest(given().queryParam("q", "  ").get("/api/v1/products"), "q", "must not be blank");
        assertBadRequest(
                given().queryParam("substance", "x".repeat(33)).get("/api/v1/products"),
                "substance",
                "must be at most 32 characters");
        assertBadRequest(
                given().queryParam("page", 1).accept("text/csv").get("/api/v1/products"),
                "page",
                "not taken by a CSV or NDJSON export: the file holds every page");
        assertBadRequest(
                given().queryParam("colour", "red").get("/api/v1/products"),
                "colour",
                "unknown parameter; allowed: curated, page, q, size, substance");
        given().queryParam("q", " kratom ")
                .queryParam("curated", "true")
                .queryParam("size", 3)
                .get("/api/v1/products")
                .then()
                .statusCode(200)
                .body("size", equalTo(3));
    }

    /** Query texts are stripped when they are bound (TextConverter), before their length and pattern are checked. */
    @Test
    void aPaddedTextIsStrippedBeforeItIsChecked() {
        String substance = "X".repeat(32);
        given().queryParam("substance", "  " + substance + "  ")
                .get("/api/v1/products")
                .then()
                .statusCode(200)
                .body("size", equalTo(20));
        assertBadRequest(
                given().queryParam("substance", substance + "X").get("/api/v1/products"),
                "substance",
                "must be at most 32 characters");
        given().queryParam("q", " " + "k".repeat(200) + " ")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200);
    }

    @Test
    void theTermSearchRefusesBadFiltersByName() {
        assertBadRequest(
                given().queryParam("organClass", "x".repeat(41)).get("/api/v1/vocabulary/terms"),
                "organClass",
                "must be at most 40 characters");
        assertBadRequest(
                given().queryParam("q", "fits", "jerks").get("/api/v1/vocabulary/terms"), "q", "given more than once");
    }

    @Test
    void theReportListRefusesAnUnknownParameterByName() {
        given().queryParam("colour", "red")
                .get("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("colour"))
                .body("violations[0].in", equalTo("query"))
                .body(
                        "violations[0].message",
                        equalTo("unknown parameter; allowed: centreReference, page, product, reaction, receivedFrom,"
                                + " receivedTo, reporterQualification, serious, size, source, status"));
        assertBadRequest(
                given().queryParam("status", "ACTIVE", "NULLIFIED").get("/api/v1/reports"),
                "status",
                "given more than once");
        assertBadRequest(
                given().queryParam("receivedFrom", "2026-02-30").get("/api/v1/reports"),
                "receivedFrom",
                "must be a date as YYYY-MM-DD");
        assertBadRequest(
                given().queryParam("receivedFrom", "2026-03-02")
                        .queryParam("receivedTo", "2026-03-01")
                        .get("/api/v1/reports"),
                "receivedTo",
                "must not be before receivedFrom");
        assertBadRequest(
                given().queryParam("source", "FAX").get("/api/v1/reports"),
                "source",
                startsWith("not one of the allowed values: "));
        given().queryParam("status", " ACTIVE ")
                .queryParam("product", " kratom ")
                .queryParam("size", 2)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("size", equalTo(2));
    }

    @Test
    void anEndpointOfAnotherFeatureWithoutQueryParametersRefusesAny() {
        given().queryParam("x", 1)
                .get("/api/v1/substances")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("x"))
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].message", equalTo("unknown parameter; allowed: "));
        assertBadRequest(
                given().queryParam("x", 1).get("/api/v1/duplicates/screening"), "x", "unknown parameter; allowed: ");
    }

    @Test
    void theLenientOpenFdaAdapterKeepsOpenFdasOwnContract() {
        // openFDA's own answer to a parameter it does not know, not our problem+json
        given().queryParam("colour", "red")
                .get("/food/event.json")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/json"))
                .body("error.code", equalTo("BAD_REQUEST"))
                .body("error.message", equalTo("Invalid parameter: colour"));
        given().queryParam("colour", "red")
                .get("/api/v1/openfda/food/event.json")
                .then()
                .statusCode(400)
                .body("error.message", equalTo("Invalid parameter: colour"));
        // api_key, which openFDA's gateway takes, is accepted and dropped: results, or openFDA's 404 when there are
        // none yet, never a 400
        given().queryParam("api_key", "anything")
                .queryParam("limit", 1)
                .get("/food/event.json")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(404)))
                .contentType(startsWith("application/json"))
                .body("error.code", anyOf(nullValue(), equalTo("NOT_FOUND")));
    }

    @Test
    void anEmptyOrBlankValueIsRefusedNamingEachParameter() {
        // Quarkus REST would bind an empty value as absent, silently dropping the filter (issue #15)
        given().queryParam("status", "")
                .queryParam("receivedFrom", "")
                .queryParam("serious", "")
                .queryParam("product", " ")
                .queryParam("size", 1)
                .get("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("violations.field", contains("product", "receivedFrom", "serious", "status"))
                .body("violations.message", everyItem(equalTo("must not be blank")));
        assertBadRequest(given().queryParam("page", "").get("/api/v1/products"), "page", "must not be blank");
    }
}
