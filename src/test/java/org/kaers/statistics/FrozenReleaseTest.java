package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;
import org.kaers.statistics.disclosure.PerturbationTable;

/**
 * Frozen releases against the attack they exist for: a researcher who asks the same questions before and after one
 * case arrives, and reads the cells whose answers changed. Between releases nothing a researcher can receive
 * changes (whole response bodies compared, counts, crosses, raw-row recounts, trends, summaries, signals,
 * products, the aggregate state); reviewers see the case at once; after the next release the cells the case entered
 * change as the perturbation table says for their new count and key sum, and no other cell changes.
 */
@QuarkusTest
class FrozenReleaseTest {

    private static final String RESEARCHER = Tokens.of("frozen-researcher@test", "RESEARCHER");
    private static final String REVIEWER = Tokens.of("frozen-reviewer@test", "REVIEWER");
    private static final PerturbationTable TABLE = new PerturbationTable(5);

    @Inject
    DataSource dataSource;

    /** What the attacker asks, each time (path with query). */
    private static final List<String> QUESTIONS = List.of(
            "/api/v1/stats/counts?by=country",
            "/api/v1/stats/counts?by=country,sex",
            "/api/v1/stats/counts?by=sex&country=IS",
            "/api/v1/stats/counts?by=ageGroup&country=IS&sex=FEMALE",
            "/api/v1/stats/counts?by=country&receivedFrom=2000-01-03",
            "/api/v1/stats/trends",
            "/api/v1/stats/trends?interval=YEAR&country=IS",
            "/api/v1/stats/summary?substance=KRATOM",
            "/api/v1/signals?substance=KRATOM",
            "/api/v1/stats/aggregates",
            "/api/v1/products",
            "/api/v1/stats/releases/latest");

    private static RequestSpecification as(String token) {
        return given().header("Authorization", Tokens.bearer(token));
    }

    private static ObjectNode icelandic() {
        ObjectNode r = CaseReports.minimal();
        r.with("reporter").put("country", "IS");
        r.with("patient").put("sex", "FEMALE").putObject("age").put("value", 33).put("unit", "YEAR");
        return r;
    }

    private static Map<String, String> ask() {
        return ask(QUESTIONS);
    }

    private static Map<String, String> ask(List<String> questions) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String q : questions) {
            answers.put(
                    q, as(RESEARCHER).get(q).then().statusCode(200).extract().asString());
        }
        return answers;
    }

    private static long cut() {
        return ((Number) given().post("/api/v1/stats/releases")
                        .then()
                        .statusCode(201)
                        .header("Location", startsWith("http"))
                        .extract()
                        .path("id"))
                .longValue();
    }

    private static void catchUp() {
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
    }

    @Test
    void aCaseArrivingBetweenReleasesChangesNothingAResearcherSeesUntilTheNextAndThenOnlyItsCells() {
        CaseReports.submit(icelandic());
        catchUp();
        long first = cut();
        Map<String, String> before = ask();
        JsonPath countries = JsonPath.from(before.get(QUESTIONS.get(0)));
        assertThat(countries.getLong("meta.release.id")).isEqualTo(first);
        assertThat((Object) countries.get("meta.pendingCases")).isNull();

        String caseNumber = CaseReports.submit(icelandic());
        catchUp();
        long key = caseKey(caseNumber);
        long[] iceland = liveCell("country=IS");
        // Reviewers read live: the new case is there at once, exactly.
        as(REVIEWER)
                .get("/api/v1/stats/counts?by=country")
                .then()
                .statusCode(200)
                .body("meta.release", nullValue())
                .body("results.find { it.keys[0] == 'IS' }.count", equalTo((int) iceland[0]));

        // Every answer a researcher can get is the same, byte for byte.
        Map<String, String> between = ask();
        assertThat(between).isEqualTo(before);

        long second = cut();
        assertThat(second).isGreaterThan(first);
        JsonPath after = JsonPath.from(as(RESEARCHER)
                .get(QUESTIONS.get(0))
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(after.getLong("meta.release.id")).isEqualTo(second);
        Map<String, Long> was = byKey(countries);
        Map<String, Long> now = byKey(after);
        // The cell the case entered, before and after, is what the table gives for its count and key sum.
        assertThat(was.getOrDefault("IS", 0L)).isEqualTo(TABLE.release(iceland[0] - 1, iceland[1] - key));
        assertThat(now.getOrDefault("IS", 0L)).isEqualTo(TABLE.release(iceland[0], iceland[1]));
        // No other cell changed, and nothing small appeared.
        Map<String, Long> othersWas = new LinkedHashMap<>(was);
        Map<String, Long> othersNow = new LinkedHashMap<>(now);
        othersWas.remove("IS");
        othersNow.remove("IS");
        assertThat(othersNow).isEqualTo(othersWas);
        assertThat(after.getLong("missing[0].count")).isEqualTo(countries.getLong("missing[0].count"));
        assertThat(now.values()).allMatch(n -> n == 0 || n > 5);
        long[] all = liveCell("*");
        assertThat(after.getLong("meta.totalCases")).isEqualTo(TABLE.release(all[0], all[1]));
    }

    /** What the attacker asks about the vocabulary and the codings, each time. */
    private static final List<String> VOCABULARY_QUESTIONS = List.of(
            "/api/v1/products?size=100",
            "/api/v1/products?q=zetaleaf",
            "/api/v1/products?curated=false&size=100",
            "/api/v1/substances",
            "/api/v1/products/match?name=Zetaleaf%20Novel%20Resin",
            "/api/v1/vocabulary/terms?q=zetaitis",
            "/api/v1/vocabulary/terms?organClass=UNCLASSIFIED&size=100",
            "/api/v1/vocabulary/organ-classes",
            "/api/v1/vocabulary/coding-preview?text=zetaitis",
            "/api/v1/stats/counts?by=product&size=100",
            "/api/v1/stats/counts?by=symptom&size=100",
            "/api/v1/stats/counts?by=symptom&receivedFrom=1900-01-01&size=100",
            "/api/v1/stats/counts?by=product&country=IS&sex=FEMALE&size=100",
            "/api/v1/stats/counts?by=organClass&country=IS&sex=FEMALE",
            "/api/v1/stats/summary?substance=KRATOM",
            "/api/v1/signals?substance=KRATOM&against=symptom",
            "/food/event.json?search=consumer.gender:Female&count=reactions.exact");

    /**
     * The attack on the vocabulary: list products and terms and recount by codings before and after a case names a
     * product nobody named, a reviewer re-codes a verbatim, adds a term and curates the new product. Between the
     * releases no researcher answer changes (the new product is not even a 404's worth different from an id nobody
     * has); reviewers see all of it at once; the next release shows it.
     */
    @Test
    void aNewProductARecodeAndANewTermAfterTheCutChangeNoResearcherAnswerUntilTheNextCut() {
        for (int i = 0; i < 9; i++) {
            ObjectNode r = icelandic();
            ((ObjectNode) r.withArray("reactions").get(0)).put("verbatim", "vomiting");
            CaseReports.submit(r);
        }
        catchUp();
        cut();
        Map<String, String> before = ask(VOCABULARY_QUESTIONS);
        String nausea = as(REVIEWER)
                .queryParam("q", "nausea")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].code");
        long vomitingCasesBefore = symptomCount(REVIEWER, "Vomiting");

        ObjectNode novel = icelandic();
        ((ObjectNode) novel.withArray("products").get(0)).put("name", "Zetaleaf Novel Resin");
        CaseReports.submit(novel);
        catchUp();
        int product = as(REVIEWER)
                .queryParam("q", "zetaleaf")
                .get("/api/v1/products")
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(1))
                .extract()
                .path("items[0].id");
        as(REVIEWER)
                .contentType("application/json")
                .body(Map.of("verbatim", "vomiting", "termCode", nausea, "codedBy", "frozen-reviewer@test"))
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(200);
        as(REVIEWER)
                .contentType("application/json")
                .body(Map.of("preferredName", "ZETAITIS"))
                .post("/api/v1/vocabulary/terms")
                .then()
                .statusCode(201);
        as(REVIEWER)
                .contentType("application/json")
                .body(Map.of("name", "Zetaleaf Resin", "substance", "KRATOM"))
                .put("/api/v1/products/" + product)
                .then()
                .statusCode(200);
        catchUp();

        // Reviewers see the product, the term and the recode at once.
        as(REVIEWER).get("/api/v1/products/" + product).then().statusCode(200).body("name", equalTo("Zetaleaf Resin"));
        as(REVIEWER)
                .queryParam("q", "zetaitis")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .body("items[0].preferredName", equalTo("ZETAITIS"));
        // (every case of the database with that verbatim moved, other tests' included)
        assertThat(symptomCount(REVIEWER, "Vomiting")).isLessThanOrEqualTo(vomitingCasesBefore - 9);

        // Researchers: not a byte changed, and the new product is what an id nobody has is.
        assertThat(ask(VOCABULARY_QUESTIONS)).isEqualTo(before);
        String unknown = as(RESEARCHER)
                .get("/api/v1/products/" + (product + 100_000))
                .then()
                .statusCode(404)
                .extract()
                .path("detail");
        as(RESEARCHER)
                .get("/api/v1/products/" + product)
                .then()
                .statusCode(404)
                .body("detail", equalTo(unknown.replace(String.valueOf(product + 100_000), String.valueOf(product))));

        cut();
        as(RESEARCHER)
                .get("/api/v1/products/" + product)
                .then()
                .statusCode(200)
                .body("name", equalTo("Zetaleaf Resin"));
        as(RESEARCHER)
                .queryParam("q", "zetaitis")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .body("items[0].preferredName", equalTo("ZETAITIS"));
        Map<String, String> after = ask(VOCABULARY_QUESTIONS);
        assertThat(after.get("/api/v1/stats/counts?by=symptom&receivedFrom=1900-01-01&size=100"))
                .isNotEqualTo(before.get("/api/v1/stats/counts?by=symptom&receivedFrom=1900-01-01&size=100"));
        assertThat(after.get("/api/v1/products?q=zetaleaf")).contains("Zetaleaf Resin");
    }

    /**
     * {@code GET /products/match} for every role with protected counts: a name reported in fewer than 6 cases (and its
     * near spellings) is answered byte for byte as before anybody reported it, even once released; from 6 cases on it
     * is a name the vocabulary knows. Reviewers see it at once.
     */
    @Test
    void productMatchAnswersARarelyReportedNameAsOneNobodyReported() {
        String reporter = Tokens.of("frozen-reporter@test", "REPORTER");
        List<String> names = List.of("Qorvex Amber Leaf Resin", "Qorvex Amber Leaf Resins", "qorvex amber-leaf resin");
        Map<String, String> never = new LinkedHashMap<>();
        for (String name : names) {
            for (String token : List.of(RESEARCHER, reporter)) {
                never.put(
                        name + " " + token,
                        as(token)
                                .queryParam("name", name)
                                .get("/api/v1/products/match")
                                .then()
                                .statusCode(200)
                                .body("method", equalTo("NEW"))
                                .extract()
                                .asString());
            }
        }
        for (int cases = 1; cases <= 6; cases++) {
            ObjectNode r = icelandic();
            ((ObjectNode) r.withArray("products").get(0)).put("name", names.get(0));
            CaseReports.submit(r);
            as(REVIEWER)
                    .queryParam("name", names.get(0))
                    .get("/api/v1/products/match")
                    .then()
                    .statusCode(200)
                    .body("method", equalTo("EXACT"));
            catchUp();
            cut();
            for (String name : names) {
                for (String token : List.of(RESEARCHER, reporter)) {
                    String answer = as(token)
                            .queryParam("name", name)
                            .get("/api/v1/products/match")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
                    if (cases < 6) {
                        assertThat(answer)
                                .as(name + " after " + cases + " cases")
                                .isEqualTo(never.get(name + " " + token));
                    } else if (name.equals(names.get(0))) {
                        assertThat(JsonPath.from(answer).getString("method")).isEqualTo("EXACT");
                    }
                }
            }
        }
    }

    /** The exact count of the symptom with this preferred name (reviewers), a recount from the raw rows. */
    private static long symptomCount(String token, String preferredName) {
        List<Map<String, Object>> rows = as(token)
                .queryParam("by", "symptom")
                .queryParam("receivedFrom", "1900-01-01")
                .queryParam("size", 100)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .path("results");
        return rows.stream()
                .filter(r -> preferredName.equals(((List<?>) r.get("labels")).get(0)))
                .mapToLong(r -> ((Number) r.get("count")).longValue())
                .sum();
    }

    @Test
    void everyStoredPublishedValueIsThePerturbationTables() throws Exception {
        CaseReports.submit(icelandic());
        catchUp();
        cut();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select n, k, p from stats_release_cell")) {
            int rows = 0;
            while (r.next()) {
                assertThat(r.getLong(3)).isEqualTo(TABLE.release(r.getLong(1), r.getLong(2)));
                rows++;
            }
            assertThat(rows).isPositive();
        }
    }

    @Test
    void releasesAreCutByAdministratorsAndShownToEveryStatisticsRole() {
        CaseReports.submit(icelandic());
        long id = cut();
        as(RESEARCHER).post("/api/v1/stats/releases").then().statusCode(403);
        as(REVIEWER).post("/api/v1/stats/releases").then().statusCode(403);
        given().queryParam("now", "yes")
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/v1/stats/releases/latest")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("cases", equalTo((int) countedCases()));
        as(RESEARCHER)
                .get("/api/v1/stats/releases/latest")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id))
                .body("cases", nullValue())
                .body("cells", nullValue());
        as(RESEARCHER)
                .get("/api/v1/stats/releases/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo((int) id));
        as(RESEARCHER)
                .get("/api/v1/stats/releases/" + (id + 1000))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(REVIEWER).get("/api/v1/stats/aggregates").then().statusCode(200).body("pendingCases", equalTo(0));
        as(RESEARCHER)
                .get("/api/v1/stats/aggregates")
                .then()
                .statusCode(200)
                .body("pendingCases", nullValue())
                .body("lagSeconds", nullValue());
    }

    /**
     * A cross's pages as researchers get them from the published values of the release (index in page order, stored
     * group count) are the pages of the same cross counted in full from the release's case versions and released
     * one by one (a receipt range from 1900 makes it a recount from the raw rows).
     */
    @Test
    void publishedCrossPagesAreTheFullCountsPages() {
        // Cells of 9 cases and more, so that every cross lists some (a small cell may be released as 0).
        String[] reactions = {"vomiting", "nausea", "tremor"};
        for (int i = 0; i < 36; i++) {
            ObjectNode r = icelandic();
            r.with("reporter").put("country", i % 4 < 2 ? "IS" : "NO");
            r.with("patient").put("sex", i % 2 == 0 ? "FEMALE" : "MALE");
            ((ObjectNode) r.withArray("reactions").get(0)).put("verbatim", reactions[i % reactions.length]);
            CaseReports.submit(r);
        }
        catchUp();
        cut();
        for (String by : List.of("country,sex", "sex,country", "product,symptom", "symptom,ageGroup")) {
            JsonPath published = JsonPath.from(as(RESEARCHER)
                    .queryParam("by", by)
                    .queryParam("size", 1000)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            JsonPath counted = JsonPath.from(as(RESEARCHER)
                    .queryParam("by", by)
                    .queryParam("size", 1000)
                    .queryParam("receivedFrom", "1900-01-01")
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .body("meta.answeredFrom", equalTo("RAW_ROWS"))
                    .extract()
                    .asString());
            assertThat(published.getString("meta.answeredFrom")).isEqualTo("AGGREGATES");
            assertThat(published.getList("results")).as(by).isNotEmpty().isEqualTo(counted.getList("results"));
            assertThat(published.getList("missing")).as(by).isEqualTo(counted.getList("missing"));
            assertThat(published.getLong("meta.groups"))
                    .as(by)
                    .isEqualTo(counted.getLong("meta.groups"))
                    .isEqualTo(published.getList("results").size());
            assertThat(published.getLong("meta.totalCases")).as(by).isEqualTo(counted.getLong("meta.totalCases"));
            List<Object> all = published.getList("results");
            List<Object> second = as(RESEARCHER)
                    .queryParam("by", by)
                    .queryParam("size", 2)
                    .queryParam("page", 1)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("results");
            assertThat(second).as(by).isEqualTo(all.subList(Math.min(2, all.size()), Math.min(4, all.size())));
        }
    }

    private static Map<String, Long> byKey(JsonPath counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<Map<String, Object>> results = counts.getList("results");
        for (Map<String, Object> g : results) {
            out.put(((List<?>) g.get("keys")).get(0).toString(), ((Number) g.get("count")).longValue());
        }
        return out;
    }

    private long caseKey(String caseNumber) {
        return single("select disclosure_key from case_report where case_number = '" + caseNumber + "'");
    }

    private long countedCases() {
        return single("select count(*) from stats_fact");
    }

    /** The live cell (one value, all time): its count and key sum. */
    private long[] liveCell(String value) {
        return new long[] {
            single("select coalesce(sum(n), 0) from stats_cell where a = '*' and b = '" + value + "' and period = 0"),
            single("select coalesce(sum(k), 0) from stats_cell where a = '*' and b = '" + value + "' and period = 0")
        };
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
