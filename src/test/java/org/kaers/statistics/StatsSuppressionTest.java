package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;


import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Default threshold 5: small cells are hidden, and no hidden cell can be recovered by subtraction. */
@QuarkusTest
class StatsSuppressionTest {

    private static StatsData shared;

    /** Built on first use (RestAssured knows the test port only once a test runs). */
    private static StatsData data() {
        if (shared == null) {
            shared = new StatsData();
        }
        return shared;
    }

    @Test
    void aLoneSmallCellTakesAPartnerSoTotalMinusVisibleRevealsNothing() {
        JsonPath sex = counts("sex");
        assertThat(sex.getLong("meta.totalCases")).isEqualTo(9);
        assertThat(sex.getInt("meta.smallCellThreshold")).isEqualTo(5);
        // MALE (1) is small; FEMALE (8) would give it away as 9 - 8, so it is hidden too.
        assertThat(sex.getList("results.suppressed", Boolean.class)).containsExactly(true, true);
        assertThat(sex.getList("results.count")).containsExactly(null, null);
        assertThat(sex.getList("missing.count", Long.class)).containsExactly(0L);
    }

    @Test
    void twoSmallCellsProtectEachOther() {
        JsonPath symptom = counts("symptom");
        assertThat(symptom.getList("results.count")).containsExactly(8, null, null);
        assertThat(symptom.getList("results.suppressed", Boolean.class)).containsExactly(false, true, true);
    }

    @Test
    void missingCellsAreProtectedToo() {
        JsonPath age = counts("ageGroup");
        // ADULT 1 is small; the missing cell (8) would reveal it: both hidden.
        assertThat(age.getList("results.suppressed", Boolean.class)).containsExactly(true);
        assertThat(age.getList("missing.suppressed", Boolean.class)).containsExactly(true);
        assertThat(age.getList("missing.count")).containsExactly((Object) null);
    }

    @Test
    void crossesProtectRowsAndColumns() {
        JsonPath cross = given().queryParam("by", "productName,symptom").queryParam("productName", data().names())
                .get("/api/v1/stats/counts").then().statusCode(200).extract().jsonPath();
        // Every pair but (A, Vomiting) = 7 is small; each row and column with a hidden cell has two or more
        // (row B and column Nausea hold a single cell each, whose margin is itself small and hidden).
        assertThat(cross.getList("results.collect { it.keys[0] + '=' + it.count }", String.class))
                .containsExactly(data().nameA + "=7", data().nameA + "=null", data().nameA + "=null",
                        data().nameB + "=null", "alcohol=null", "alcohol=null");
    }

    @Test
    void aSmallTotalIsHidden() {
        given().queryParam("by", "sex").queryParam("productName", data().names()).queryParam("serious", "true")
                .get("/api/v1/stats/counts").then().statusCode(200)
                .body("meta.totalCasesSuppressed", equalTo(true))
                .body("meta.totalCases", equalTo(null));
    }

    @Test
    void aLoneSmallMonthInAYearOrQuarterTakesAPartner() {
        String product = new TrendData().product;
        // 2019: 6, 2, 7 -> February is small; 2019 minus the visible months would reveal it, so January (6) goes too.
        // 2020-03 (1) is the only month of its year: its year total (1) is small and hidden in the YEAR series.
        given().queryParam("productName", product).get("/api/v1/stats/trends").then().statusCode(200)
                .body("series.collect { it.period + '=' + it.count }",
                        org.hamcrest.Matchers.contains("2019-01=null", "2019-02=null", "2019-04=7", "2020-03=null"))
                .body("meta.totalCases", equalTo(16));
        given().queryParam("productName", product).queryParam("interval", "YEAR").get("/api/v1/stats/trends")
                .then().body("series.collect { it.period + '=' + it.count }",
                        org.hamcrest.Matchers.contains("2019=null", "2020=null"));
        given().queryParam("interval", "WEEK").get("/api/v1/stats/trends").then().statusCode(400)
                .body("violations[0].message", equalTo("not one of the allowed values: MONTH, QUARTER, YEAR"));
        given().queryParam("by", "sex").get("/api/v1/stats/trends").then().statusCode(400)
                .body("violations[0].field", equalTo("by"));
    }

    @Test
    void badQueriesSayWhatIsAllowed() {
        given().get("/api/v1/stats/counts").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"));
        given().queryParam("by", "colour").get("/api/v1/stats/counts").then().statusCode(400)
                .body("violations[0].message", startsWith("'colour' is not a dimension; allowed: product, substance"));
        given().queryParam("by", "sex,symptom,substance").get("/api/v1/stats/counts").then().statusCode(400)
                .body("violations.message", hasItem("counts by at most two dimensions"));
        given().queryParam("by", "sex").queryParam("sex", "WOMAN").get("/api/v1/stats/counts").then().statusCode(400)
                .body("violations[0].field", equalTo("sex"))
                .body("violations[0].message", equalTo("invalid value(s) WOMAN; allowed: FEMALE, MALE, UNKNOWN"));
        given().queryParam("by", "sex").queryParam("colour", "red").get("/api/v1/stats/counts").then().statusCode(400)
                .body("violations[0].field", equalTo("colour"));
        given().queryParam("by", "sex").queryParam("size", 1001).get("/api/v1/stats/counts").then().statusCode(400);
    }

    private JsonPath counts(String by) {
        return given().queryParam("by", by).queryParam("productName", data().names()).get("/api/v1/stats/counts")
                .then().statusCode(200).extract().jsonPath();
    }
}
