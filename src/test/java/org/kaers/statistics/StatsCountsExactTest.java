package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;

/**
 * Exact counts with suppression off (threshold 0), checked against numbers known by construction and a raw recount.
 * The cases are isolated by product names unique to the run (StatsData, TrendData), so the class needs no clean
 * database: it shares {@link StatsAggregatesTest.Profile} (threshold 0, worker off: StatsData and TrendData catch up
 * themselves) and runs in the same application, after StatsAggregatesTest (Quarkus orders the classes of a profile
 * by name), instead of costing a profile, an augmentation and a restart of its own.
 */
@QuarkusTest
@TestProfile(StatsAggregatesTest.Profile.class)
class StatsCountsExactTest {

    @Inject
    TestDatabase db;

    private static StatsData shared;

    /** Built on first use (RestAssured knows the test port only once a test runs). */
    private static StatsData data() {
        if (shared == null) {
            shared = new StatsData();
        }
        return shared;
    }

    @Test
    void countsCasesNotRowsAndOnlyLatestActiveVersions() {
        JsonPath body = counts("symptom");
        assertThat(body.getLong("meta.totalCases")).isEqualTo(9);
        assertThat(body.getList("results.collect { it.labels[0] + '=' + it.count }", String.class))
                .containsExactlyInAnyOrder("Vomiting=8", "Nausea=1", "Seizure=1")
                .first()
                .isEqualTo("Vomiting=8");
        assertThat(body.getList("missing.count", Long.class)).containsExactly(0L);
        // Independent recount from the raw rows: distinct latest active cases per coded term.
        for (Map<String, Object> group : body.<Map<String, Object>>getList("results")) {
            String code = ((List<?>) group.get("keys")).get(0).toString();
            long recount = db.count("""
                    select count(distinct v.case_id) from case_version v
                    join case_report cr on cr.id = v.case_id and cr.current_version = v.version and cr.status = 'ACTIVE'
                    join case_reaction r on r.case_version_id = v.id
                    join verbatim_coding c on c.verbatim = r.verbatim join symptom_term t on t.id = c.term_id
                    join case_product p on p.case_version_id = v.id
                    where t.code = '%s' and p.name_reported in ('%s', '%s')""".formatted(code, data().nameA, data().nameB));
            assertThat(((Number) group.get("count")).longValue()).as(code).isEqualTo(recount);
        }
    }

    @Test
    void oneDimensionCaseLevelWithMissing() {
        JsonPath sex = counts("sex");
        assertThat(pairs(sex)).containsExactly("FEMALE=8", "MALE=1");
        JsonPath age = counts("ageGroup");
        assertThat(pairs(age)).containsExactly("ADULT=1");
        assertThat(age.getList("missing.count", Long.class)).containsExactly(8L);
        JsonPath substance = counts("substance");
        assertThat(pairs(substance)).containsExactly("KRATOM=9", "ALCOHOL=1");
    }

    @Test
    void crossesCountEachCaseOncePerPair() {
        JsonPath cross = given().queryParam("by", "productName,symptom")
                .queryParam("productName", data().names())
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // Case A also names alcohol, so its reactions pair with alcohol too; "fits" and "seizure" are one term.
        String a = data().nameA;
        String b = data().nameB;
        assertThat(cross.getList("results.collect { it.keys[0] + '|' + it.keys[1] + '=' + it.count }", String.class))
                .containsExactlyInAnyOrder(
                        a + "|" + code("vomiting") + "=7",
                        a + "|" + code("nausea") + "=1",
                        a + "|" + code("seizure") + "=1",
                        b + "|" + code("vomiting") + "=1",
                        "alcohol|" + code("seizure") + "=1",
                        "alcohol|" + code("vomiting") + "=1")
                .first()
                .isEqualTo(a + "|" + code("vomiting") + "=7");
    }

    @Test
    void filtersNarrowTheScope() {
        given().queryParam("by", "symptom")
                .queryParam("productName", data().names())
                .queryParam("serious", "true")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.totalCases", equalTo(1))
                .body("results.labels.flatten()", contains("Seizure", "Vomiting"))
                .body("meta.filters.serious", contains("true"));
        given().queryParam("by", "sex")
                .queryParam("productName", data().names())
                .queryParam("symptom", code("seizure"))
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("results.keys.flatten()", contains("MALE"));
        given().queryParam("by", "sex")
                .queryParam("productName", data().names())
                .queryParam("receivedTo", "2000-01-01")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.totalCases", equalTo(0))
                .body("results.size()", equalTo(0));
    }

    @Test
    void csvOnRequest() {
        String csv = given().accept("text/csv")
                .queryParam("by", "sex")
                .queryParam("productName", data().names())
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv.replaceAll(",\\d+\n", "\n"))
                .isEqualTo("sex,sex_label,count,suppressed,data_version\nFEMALE,,8,false\nMALE,,1,false\n");
    }

    @Test
    void pagingReachesEveryGroup() {
        JsonPath first = given().queryParam("by", "symptom")
                .queryParam("productName", data().names())
                .queryParam("size", 2)
                .get("/api/v1/stats/counts")
                .then()
                .extract()
                .jsonPath();
        JsonPath second = given().queryParam("by", "symptom")
                .queryParam("productName", data().names())
                .queryParam("size", 2)
                .queryParam("page", 1)
                .get("/api/v1/stats/counts")
                .then()
                .extract()
                .jsonPath();
        assertThat(first.getLong("meta.groups")).isEqualTo(3);
        List<String> all = new java.util.ArrayList<>(first.getList("results.collect { it.labels[0] }", String.class));
        assertThat(all).hasSize(2).first().isEqualTo("Vomiting");
        all.addAll(second.getList("results.collect { it.labels[0] }", String.class));
        assertThat(all).containsExactlyInAnyOrder("Vomiting", "Nausea", "Seizure");
    }

    @Test
    void summaryOfASubstance() {
        given().queryParam("substance", "KRATOM")
                .queryParam("productName", data().names())
                .get("/api/v1/stats/summary")
                .then()
                .statusCode(200)
                .body("meta.totalCases", equalTo(9))
                .body("seriousCases", equalTo(1))
                .body("seriousShare", equalTo(0.111f))
                .body(
                        "topSymptoms.results.collect { it.labels[0] + '=' + it.count }",
                        org.hamcrest.Matchers.containsInAnyOrder("Vomiting=8", "Seizure=1", "Nausea=1"))
                .body("outcomes.results.collect { it.keys[0] + '=' + it.count }", contains("UNKNOWN=9"))
                .body(
                        "seriousnessCriteria.results.collect { it.keys[0] + '=' + it.count }",
                        contains("HOSPITALIZATION=1"))
                .body("seriousnessCriteria.missing.count", equalTo(8))
                .body("ageGroups.results.collect { it.keys[0] + '=' + it.count }", contains("ADULT=1"))
                .body("ageGroups.missing.count", equalTo(8))
                .body("sexes.results.collect { it.keys[0] + '=' + it.count }", contains("FEMALE=8", "MALE=1"));
        given().queryParam("sex", "MALE")
                .get("/api/v1/stats/summary")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("substance"));
    }

    private static TrendData trendData;

    private static TrendData trendData() {
        if (trendData == null) {
            trendData = new TrendData();
        }
        return trendData;
    }

    @Test
    void trendsByMonthQuarterYearAndOnset() {
        String product = trendData().product;
        assertThat(series(product, "MONTH", "received"))
                .containsExactly("2019-01=6", "2019-02=2", "2019-04=7", "2020-03=1");
        assertThat(series(product, "QUARTER", "received")).containsExactly("2019-Q1=8", "2019-Q2=7", "2020-Q1=1");
        assertThat(series(product, "YEAR", "received")).containsExactly("2019=15", "2020=1");
        given().queryParam("productName", product)
                .queryParam("date", "onset")
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(200)
                .body("series.collect { it.period + '=' + it.count }", contains("2019-03=7"))
                .body("series[0].start", equalTo("2019-03-01"))
                .body("missing.count", equalTo(9))
                .body("meta.totalCases", equalTo(16));
    }

    private static List<String> series(String product, String interval, String date) {
        return given().queryParam("productName", product)
                .queryParam("interval", interval)
                .queryParam("date", date)
                .get("/api/v1/stats/trends")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("series.collect { it.period + '=' + it.count }", String.class);
    }

    private static List<String> pairs(JsonPath body) {
        return body.getList("results.collect { it.keys[0] + '=' + it.count }", String.class);
    }

    private JsonPath counts(String by) {
        return given().queryParam("by", by)
                .queryParam("productName", data().names())
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String code(String text) {
        return given().queryParam("text", text)
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .extract()
                .path("term.code");
    }
}
