package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;


import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Default threshold 5: small cells are hidden, and no hidden cell can be recovered by subtraction, neither
 * within one response nor between two requests that differ by one filter value. Its own profile, so that the
 * database holds exactly {@link StatsData} and {@link TrendData} (a request without filters counts them all).
 */
@QuarkusTest
@org.kaers.fixtures.TestRole("RESEARCHER")
@TestProfile(StatsSuppressionTest.OwnDatabase.class)
class StatsSuppressionTest {

    /** Default suppression; a restart on a clean database. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kaers.stats.aggregate-interval", "off");
        }
    }

    private static StatsData shared;
    private static TrendData trend;

    /** Built on first use (RestAssured knows the test port only once a test runs). */
    private static StatsData data() {
        if (shared == null) {
            shared = new StatsData();
            trend = new TrendData();
        }
        return shared;
    }

    private static TrendData trend() {
        data();
        return trend;
    }

    @Test
    void aLoneSmallCellTakesAPartnerSoTotalMinusVisibleRevealsNothing() {
        JsonPath sex = counts("sex");
        // 9 cases, but 8 with nameA alone: the total would reveal the one case of nameB alone.
        assertThat(sex.getBoolean("meta.totalCasesSuppressed")).isTrue();
        assertThat(sex.getInt("meta.smallCellThreshold")).isEqualTo(5);
        // MALE (1) is small; FEMALE (8) would give it away as 9 - 8, so it is hidden too.
        assertThat(sex.getList("results.suppressed", Boolean.class)).containsExactly(true, true);
        assertThat(sex.getList("results.count")).containsExactly(null, null);
        assertThat(sex.getList("missing.count", Long.class)).containsExactly(0L);
    }

    @Test
    void reviewersAndAdministratorsSeeSmallCells() {
        data();
        for (String role : new String[] {"REVIEWER", "ADMIN"}) {
            given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.of("x@test", role)))
                    .queryParam("by", "sex").queryParam("productName", data().names()).get("/api/v1/stats/counts")
                    .then().statusCode(200).body("meta.smallCellThreshold", equalTo(0))
                    .body("results.collect { it.keys[0] + '=' + it.count }",
                            org.hamcrest.Matchers.contains("FEMALE=8", "MALE=1"));
        }
    }

    @Test
    void aCellCloseToTheSameCellWithoutTheFilterIsHidden() {
        JsonPath symptom = given().queryParam("by", "symptom").queryParam("productName", data().nameA)
                .get("/api/v1/stats/counts").then().statusCode(200).extract().jsonPath();
        // Vomiting 7 with nameA, 8 without the filter (the whole database): 8 - 7 would reveal case B.
        assertThat(symptom.getList("results.count")).containsExactly(null, null, null);
        assertThat(symptom.getList("results.suppressed", Boolean.class)).containsExactly(true, true, true);
        // Nausea: 1 with nameA, 17 in all (16 trend cases): not close, but small, so hidden anyway.
    }

    @Test
    void twoRequestsDifferingByOneFilterValueCannotBeSubtracted() {
        // Vomiting: 8 cases with nameA or nameB, 7 with nameA: 8 - 7 would reveal nameB's single case.
        JsonPath both = counts("symptom");
        JsonPath one = given().queryParam("by", "symptom").queryParam("productName", data().nameA)
                .get("/api/v1/stats/counts").then().statusCode(200).extract().jsonPath();
        assertThat(both.getList("results.collect { it.labels[0] + '=' + it.count }", String.class))
                .containsExactlyInAnyOrder("Vomiting=null", "Nausea=null", "Seizure=null");
        assertNoSmallDifference(both, one);
        // One filter more (serious=true) against one filter fewer: the same holds, in both directions.
        for (String by : new String[] {"sex", "symptom", "ageGroup", "productRole"}) {
            JsonPath all = counts(by);
            JsonPath serious = given().queryParam("by", by).queryParam("productName", data().names())
                    .queryParam("serious", "false").get("/api/v1/stats/counts").then().statusCode(200).extract().jsonPath();
            assertNoSmallDifference(all, serious);
        }
        // Trends: a month range against no range.
        JsonPath months = given().queryParam("productName", trend().product).get("/api/v1/stats/trends")
                .then().statusCode(200).extract().jsonPath();
        JsonPath ranged = given().queryParam("productName", trend().product).queryParam("receivedFrom", "2019-02-01")
                .get("/api/v1/stats/trends").then().statusCode(200).extract().jsonPath();
        assertThat(months.getLong("meta.totalCases")).isEqualTo(16);
        // 16 in all, 10 from February 2019: the difference (January, 6) is not small, both totals show.
        assertThat(ranged.getLong("meta.totalCases")).isEqualTo(10);
    }

    /** Every cell (and total and missing count) visible in both responses differs by 0 or by more than 5. */
    private static void assertNoSmallDifference(JsonPath a, JsonPath b) {
        Map<String, Object> left = visible(a);
        Map<String, Object> right = visible(b);
        for (Map.Entry<String, Object> cell : left.entrySet()) {
            if (right.containsKey(cell.getKey())) {
                long difference = Math.abs(((Number) cell.getValue()).longValue()
                        - ((Number) right.get(cell.getKey())).longValue());
                assertThat(difference).as(cell.getKey()).satisfiesAnyOf(d -> assertThat(d).isZero(),
                        d -> assertThat(d).isGreaterThan(5));
            }
        }
    }

    private static Map<String, Object> visible(JsonPath body) {
        Map<String, Object> out = new java.util.HashMap<>();
        List<Map<String, Object>> results = body.getList("results");
        for (Map<String, Object> g : results) {
            if (g.get("count") != null) {
                out.put(String.valueOf(g.get("keys")), g.get("count"));
            }
        }
        List<Map<String, Object>> missing = body.getList("missing");
        for (Map<String, Object> m : missing) {
            if (m.get("count") != null) {
                out.put("missing " + m.get("dimension"), m.get("count"));
            }
        }
        if (body.get("meta.totalCases") != null) {
            out.put("total", body.get("meta.totalCases"));
        }
        return out;
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
        String product = trend().product;
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
                .body("violations[0].message", startsWith("names something that is not a dimension; allowed: product, substance"));
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
