package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;
import org.kaers.statistics.disclosure.Disclosure;
import org.kaers.statistics.disclosure.PerturbationTable;

/**
 * A hostile researcher (RESEARCHER token only, then REPORTER + RESEARCHER for padding) against a planted data set:
 * 58 cases, one of them a 16-year-old Canadian girl with a seizure, the only seizure and the only Canadian
 * adolescent (see {@link #plant}). Each attack is written as the attacker's computation of the planted count
 * (truth: 1). Perturbation makes any one answer a matter of the keys, so each attack is repeated over
 * {@link #DRAWS} fresh draws of the case keys (what the attacker does not know) and must not pin the count down:
 * its estimate is wrong in some of the draws (the rates are in DisclosureUtilityTest). And some properties hold
 * whatever the keys: nothing from 1 to 5 is ever released, the same cells give the same numbers in every
 * request, format and endpoint, the line listing is closed to researchers, rare free text never appears.
 * Its own profile: a clean database holding exactly the planted cases.
 */
@QuarkusTest
@org.kaers.fixtures.TestRole("RESEARCHER")
@TestProfile(DisclosureAttackTest.Planted.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisclosureAttackTest {

    /** A restart on a clean database, aggregates folded in on demand only. */
    public static class Planted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kaers.stats.aggregate-interval", "off");
        }
    }

    static final int DRAWS = 16;
    static final String PRODUCT = "Attack kratom powder";
    static final long TRUTH = 1;

    @Inject
    DataSource dataSource;

    private static boolean planted;
    private static String seizure;

    /**
     * The planted data set: 57 adults (US 30, GB 18, CA 9: 5 women, 4 men) with vomiting or nausea, and the
     * planted case: CA, female, 16 years, seizure. Every case names {@link #PRODUCT} and has sex and age.
     */
    private void plant() {
        if (planted) {
            return;
        }
        for (int i = 0; i < 30; i++) {
            CaseReports.submit(
                    report("US", i % 2 == 0 ? "MALE" : "FEMALE", 30 + i, i < 20 ? "vomiting" : "nausea"), Tokens.ADMIN);
        }
        for (int i = 0; i < 18; i++) {
            CaseReports.submit(report("GB", i % 3 == 0 ? "MALE" : "FEMALE", 25 + i, "vomiting"), Tokens.ADMIN);
        }
        for (int i = 0; i < 9; i++) {
            CaseReports.submit(
                    report("CA", i < 5 ? "FEMALE" : "MALE", 40 + i, i < 5 ? "vomiting" : "nausea"), Tokens.ADMIN);
        }
        CaseReports.submit(report("CA", "FEMALE", 16, "seizure"), Tokens.ADMIN);
        catchUp();
        seizure = given().queryParam("text", "seizure")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(200)
                .extract()
                .path("term.code");
        planted = true;
    }

    private static ObjectNode report(String country, String sex, int age, String reaction) {
        ObjectNode r = CaseReports.withProduct(PRODUCT);
        r.with("reporter").put("country", country);
        r.with("patient").put("sex", sex).putObject("age").put("value", age).put("unit", "YEAR");
        ((ObjectNode) r.withArray("reactions").get(0)).put("verbatim", reaction);
        return r;
    }

    /** Folds the changes in and cuts a release, the only data researchers read (see FrozenReleaseTest). */
    private static void catchUp() {
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200);
        cutRelease();
    }

    private static void cutRelease() {
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);
    }

    /** A fresh draw of every case's key (what the attacker does not know), and the aggregates rebuilt with it. */
    private void redrawKeys() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "update case_report set disclosure_key = ('x' || substr(gen_random_uuid()::text, 1, 8))::bit(32)::bigint");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/rebuild")
                .then()
                .statusCode(200);
        cutRelease();
    }

    /**
     * Runs an attack over {@link #DRAWS} key draws: its estimate of the planted count must be wrong in some of them
     * (nothing pins the count down), and no released number is small.
     */
    private void assertDoesNotPinDown(String attack, long truth, LongSupplier estimate) {
        plant();
        List<Long> estimates = new ArrayList<>();
        for (int i = 0; i < DRAWS; i++) {
            redrawKeys();
            estimates.add(estimate.getAsLong());
        }
        long exact = estimates.stream().filter(e -> e == truth).count();
        double meanError =
                estimates.stream().mapToLong(e -> Math.abs(e - truth)).average().orElseThrow();
        System.out.printf(
                "attack %-28s estimates %s: exact %d/%d, mean absolute error %.2f%n",
                attack, estimates, exact, DRAWS, meanError);
        // A single released value is exact with probability 33% at most (a cell of 6, see the table); combinations of
        // cells less often. Being right in 15 or 16 of 16 draws would be a pinned-down count (chance < 0.4%).
        assertThat(exact).as(attack + ": exact estimates").isLessThanOrEqualTo(DRAWS - 2);
    }

    /** A researcher's count: group key (joined by '|') to released count, plus "total" and "missing:<dim>". */
    private static Map<String, Long> counts(RequestSpecification spec, String by, String... filters) {
        RequestSpecification request = spec.queryParam("by", by);
        for (int i = 0; i < filters.length; i += 2) {
            request = request.queryParam(filters[i], filters[i + 1]);
        }
        JsonPath body = request.queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> g : body.<Map<String, Object>>getList("results")) {
            @SuppressWarnings("unchecked")
            List<String> keys = (List<String>) g.get("keys");
            out.put(String.join("|", keys), ((Number) g.get("count")).longValue());
        }
        out.put("total", body.getLong("meta.totalCases"));
        for (Map<String, Object> m : body.<Map<String, Object>>getList("missing")) {
            out.put("missing:" + m.get("dimension"), ((Number) m.get("count")).longValue());
        }
        assertNothingSmall(out.values());
        return out;
    }

    private static Map<String, Long> counts(String by, String... filters) {
        return counts(given(), by, filters);
    }

    private static void assertNothingSmall(java.util.Collection<Long> released) {
        assertThat(released)
                .allSatisfy(
                        n -> assertThat(n == 0 || n > 5).as("released %d", n).isTrue());
    }

    @Test
    @Order(1)
    void totalMinusTheVisibleCells() {
        assertDoesNotPinDown("total minus visible cells", TRUTH, () -> {
            Map<String, Long> byAge = counts("ageGroup", "country", "CA");
            long others = byAge.entrySet().stream()
                    .filter(e -> !e.getKey().equals("ADOLESCENT") && !e.getKey().equals("total"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return byAge.get("total") - others;
        });
        assertDoesNotPinDown(
                "two requests, one filter apart",
                TRUTH,
                () -> counts("sex", "country", "CA").get("total")
                        - counts("sex", "country", "CA", "ageGroup", "ADULT").get("total"));
    }

    @Test
    @Order(2)
    void trackerOfFourRequests() {
        assertDoesNotPinDown("tracker of four", TRUTH, () -> {
            long all = counts("country").getOrDefault("CA", 0L);
            long men = counts("country", "sex", "MALE").getOrDefault("CA", 0L);
            long adults = counts("country", "ageGroup", "ADULT").getOrDefault("CA", 0L);
            long adultMen =
                    counts("country", "sex", "MALE", "ageGroup", "ADULT").getOrDefault("CA", 0L);
            return all - men - adults + adultMen;
        });
    }

    @Test
    @Order(3)
    void marginsOfACrossAndTrends() {
        assertDoesNotPinDown("cross: row margin minus cells", TRUTH, () -> {
            Map<String, Long> cross = counts("country,ageGroup");
            long ca = counts("country").getOrDefault("CA", 0L);
            return ca - cross.getOrDefault("CA|ADULT", 0L);
        });
        assertDoesNotPinDown(
                "trend: all minus adults",
                TRUTH,
                () -> trendTotal("country", "CA") - trendTotal("country", "CA", "ageGroup", "ADULT"));
    }

    private static long trendTotal(String... filters) {
        RequestSpecification request = given().queryParam("interval", "YEAR");
        for (int i = 0; i < filters.length; i += 2) {
            request = request.queryParam(filters[i], filters[i + 1]);
        }
        JsonPath body = request.get("/api/v1/stats/trends")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertNothingSmall(body.getList("series.count", Long.class));
        return body.getLong("meta.totalCases");
    }

    @Test
    @Order(4)
    void theSignalTable() {
        plant();
        assertDoesNotPinDown("signal table a", TRUTH, () -> signalA(1));
        // minCases applies to released values: every threshold up to 6 lists the same rows.
        Set<String> first = null;
        for (int minCases = 1; minCases <= 6; minCases++) {
            JsonPath table = given().queryParam("symptom", seizure)
                    .queryParam("minCases", minCases)
                    .get("/api/v1/signals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            Set<String> rows = new HashSet<>(table.getList("results.key", String.class));
            if (first == null) {
                first = rows;
            }
            assertThat(rows).as("minCases %d", minCases).isEqualTo(first);
            assertThat(table.getString("meta.protection.method")).isEqualTo("CELL_KEY");
            assertThat(table.getDouble("meta.protection.noiseStandardDeviation"))
                    .isEqualTo(1.58);
        }
        // a, a+b, a+c and N are the released counts of the same cells: the table says nothing the counts do not.
        String product = given().queryParam("name", PRODUCT)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();
        JsonPath table = given().queryParam("product", product)
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Long> bySymptom = counts("symptom", "product", product);
        Map<String, Long> all = counts("symptom");
        assertThat(table.getLong("meta.subjectCases")).isEqualTo(bySymptom.get("total"));
        assertThat(table.getLong("meta.totalCases")).isEqualTo(all.get("total"));
        List<Map<String, Object>> rows = table.getList("results");
        assertThat(rows).as("signal rows compared with the counts").isNotEmpty();
        for (Map<String, Object> row : rows) {
            String key = (String) row.get("key");
            long a = ((Number) row.get("a")).longValue();
            long b = ((Number) row.get("b")).longValue();
            long c = ((Number) row.get("c")).longValue();
            assertThat(a).isEqualTo(bySymptom.get(key));
            assertThat(a + c).isEqualTo(all.get(key));
            assertThat(a + b).isEqualTo(bySymptom.get("total"));
            assertNothingSmall(List.of(a));
        }
    }

    /** The a of the product's row of the seizure table (0 when the row is not listed). */
    private static long signalA(int minCases) {
        JsonPath table = given().queryParam("symptom", seizure)
                .queryParam("minCases", minCases)
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return table.<Map<String, Object>>getList("results").stream()
                .mapToLong(r -> ((Number) r.get("a")).longValue())
                .sum();
    }

    @Test
    @Order(5)
    void sameCellsSameNumbersEverywhere() {
        plant();
        redrawKeys();
        // Repeating, re-wording the filter, another format: the same set of cases gives the same number.
        Map<String, Long> once = counts("sex", "country", "CA");
        assertThat(counts("sex", "country", "CA")).isEqualTo(once);
        Map<String, Long> reworded = counts("sex", "country", "CA", "ageGroup", "ADULT,ADOLESCENT");
        assertThat(reworded.get("FEMALE")).isEqualTo(once.get("FEMALE"));
        String csv = given().accept("text/csv")
                .queryParam("by", "sex")
                .queryParam("country", "CA")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Map<String, Long> fromCsv = new HashMap<>();
        csv.lines().skip(1).forEach(l -> {
            String[] f = l.split(",");
            fromCsv.put(f[0], Long.parseLong(f[2]));
        });
        once.forEach((k, v) -> {
            if (!k.contains(":") && !k.equals("total")) {
                assertThat(fromCsv.get(k)).isEqualTo(v);
            }
        });
        // The planted cell, whichever way it is asked, is one set of cases: one released number (0, or 6 and up).
        long cross = counts("country,ageGroup").getOrDefault("CA|ADOLESCENT", 0L);
        long filtered = counts("ageGroup", "country", "CA").getOrDefault("ADOLESCENT", 0L);
        long summary = given()
                .queryParam("product", productId())
                .queryParam("country", "CA")
                .get("/api/v1/stats/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("ageGroups.results")
                .stream()
                .filter(g -> ((List<?>) g.get("keys")).get(0).equals("ADOLESCENT"))
                .mapToLong(g -> ((Number) g.get("count")).longValue())
                .sum();
        assertThat(filtered).isEqualTo(cross).isEqualTo(summary);
        assertThat(cross == 0 || cross >= 6).isTrue();
    }

    @Test
    @Order(6)
    void orderAndPagingFollowReleasedValuesOnly() {
        plant();
        // All countries: in CA only one symptom row is released (5 vomiting), so no two rows could be compared.
        for (int i = 0; i < 4; i++) {
            redrawKeys();
            JsonPath body = given().queryParam("by", "symptom")
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> rows = body.getList("results");
            int compared = 0;
            for (int r = 1; r < rows.size(); r++) {
                compared++;
                long before = ((Number) rows.get(r - 1).get("count")).longValue();
                long after = ((Number) rows.get(r).get("count")).longValue();
                String keyBefore =
                        ((List<?>) rows.get(r - 1).get("keys")).get(0).toString();
                String keyAfter = ((List<?>) rows.get(r).get("keys")).get(0).toString();
                assertThat(before > after || (before == after && keyBefore.compareTo(keyAfter) < 0))
                        .isTrue();
            }
            assertThat(compared)
                    .as("neighbouring rows whose order was compared")
                    .isGreaterThan(0);
            assertThat(rows)
                    .allSatisfy(g ->
                            assertThat(((Number) g.get("count")).longValue()).isGreaterThan(5));
            assertThat(rows).allSatisfy(g -> assertThat(g.get("suppressed")).isEqualTo(false));
            // A page holds the same rows as the whole list at that place.
            List<Object> page = given().queryParam("by", "symptom")
                    .queryParam("size", 1)
                    .queryParam("page", 1)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("results");
            assertThat(page).isEqualTo(rows.size() > 1 ? List.of(rows.get(1)) : List.of());
        }
    }

    @Test
    @Order(7)
    void theLineListingAndRareFreeTextAreNotForResearchers() {
        plant();
        given().get("/api/v1/stats/line-listing").then().statusCode(403).contentType("application/problem+json");
        // "seizure" is the verbatim of one case: neither listed nor accepted as a filter.
        Map<String, Long> verbatims = counts("verbatim");
        assertThat(verbatims).doesNotContainKey("seizure").containsKey("vomiting");
        given().queryParam("by", "sex")
                .queryParam("verbatim", "seizure")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("verbatim"))
                .body("violations[0].message", startsWith("a free text is accepted as a filter only when it occurs"));
        // ... the same answer as for a text no case has.
        given().queryParam("by", "sex")
                .queryParam("verbatim", "no such text")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("verbatim"));
        // The product name of 58 cases is shown, and so is the name of its (uncurated) product.
        assertThat(counts("productName")).containsKey(PRODUCT);
        String name = given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .get("/api/v1/products/" + productId())
                .then()
                .statusCode(200)
                .extract()
                .path("name");
        given().queryParam("by", "product")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("results[0].labels[0]", equalTo(name));
        JsonPath product = given().get("/api/v1/products/" + productId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(product.getString("name")).isEqualTo(name);
        assertThat(product.getList("reportedNames")).contains(PRODUCT);
        assertNothingSmall(List.of(product.getLong("cases")));
        // Reviewers see everything exactly.
        given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .queryParam("by", "verbatim")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.protection.method", equalTo("NONE"))
                .body("results.collect { it.keys[0] + '=' + it.count }", hasItem("seizure=1"));
    }

    @Test
    @Order(8)
    void everyDimensionIsProtected() {
        plant();
        redrawKeys();
        for (Dimension d : Dimension.values()) {
            JsonPath body = given().queryParam("by", d.code())
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(body.getString("meta.protection.method")).as(d.code()).isEqualTo("CELL_KEY");
            List<Long> released = new ArrayList<>(body.getList("results.count", Long.class));
            released.addAll(body.getList("missing.count", Long.class));
            released.add(body.getLong("meta.totalCases"));
            assertNothingSmall(released);
            org.kaers.statistics.disclosure.Disclosure.kind(d); // classified (exhaustive switch)
        }
    }

    @Test
    @Order(9)
    void badQueriesSayWhatIsAllowed() {
        given().get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("by"));
        given().queryParam("by", "colour")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].message",
                        startsWith("names something that is not a dimension; allowed: product, substance"));
        given().queryParam("by", "sex")
                .queryParam("sex", "WOMAN")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("sex"));
        given().queryParam("colour", "red")
                .get("/api/v1/stats/protection")
                .then()
                .statusCode(400);
    }

    @Test
    @Order(10)
    void thePublishedTable() {
        JsonPath table = given().get("/api/v1/stats/protection")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(table.getInt("smallCellThreshold")).isEqualTo(5);
        assertThat(table.getLong("cellKeyModulus")).isEqualTo(1L << 32);
        assertThat(table.getList("rows.released", Long.class))
                .allSatisfy(r -> assertThat(r == 0 || r > 5).isTrue());
        String csv = given().accept("text/csv")
                .get("/api/v1/stats/protection")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv).startsWith("value,released,probability,cell_key_from,cell_key_to\n0,0,336/336,0,4294967295\n");
    }

    /** Padding runs last: it adds cases. */
    /**
     * The public tier (no token): differencing its tables, and combining them with a researcher's, written as the
     * attacker's computations; and, whatever the keys, every public number is {@link Disclosure#publicValue} of the
     * researcher's answer for the same cell (so the two together say nothing the researcher's alone do not), a
     * multiple of 10 of at least 10, and the public tier takes no filter.
     */
    @Test
    @Order(11)
    void thePublicTierIsAFunctionOfTheResearchersAnswers() {
        assertDoesNotPinDown("public: total minus visible ages", TRUTH, () -> {
            Map<String, Long> byAge = publicCounts("ageGroup");
            return byAge.getOrDefault("total", 0L)
                    - byAge.entrySet().stream()
                            .filter(e -> !e.getKey().equals("total"))
                            .filter(e -> !e.getKey().equals("ADOLESCENT"))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
        });
        assertDoesNotPinDown("public: total minus other organs", TRUTH, () -> {
            Map<String, Long> byOrgan = publicCounts("organClass");
            return byOrgan.getOrDefault("total", 0L) - byOrgan.getOrDefault("GASTROINTESTINAL", 0L);
        });
        assertDoesNotPinDown(
                "researcher total minus public",
                TRUTH,
                () -> counts("ageGroup").get("total") - publicCounts("ageGroup").getOrDefault("ADULT", 0L));
        for (int draw = 0; draw < 4; draw++) {
            redrawKeys();
            for (Dimension d : Disclosure.PUBLIC_DIMENSIONS) {
                Map<String, Long> published = publicCounts(d.code());
                Map<String, Long> researcher = counts(d.code());
                Map<String, Long> expected = new LinkedHashMap<>();
                researcher.forEach((key, value) -> {
                    Long p = key.startsWith("missing:") ? null : Disclosure.publicValue(value);
                    if (p != null) {
                        expected.put(key, p);
                    }
                });
                assertThat(published).as(d.code()).isEqualTo(expected);
                assertThat(published.values()).as(d.code()).allMatch(n -> n >= 10 && n % 10 == 0);
            }
        }
        given().noFilters()
                .queryParam("by", "sex")
                .queryParam("country", "CA")
                .get("/api/v1/public/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("country"));
        for (String by : List.of("country", "symptom", "product", "verbatim", "productName")) {
            given().noFilters()
                    .queryParam("by", by)
                    .get("/api/v1/public/stats/counts")
                    .then()
                    .statusCode(400)
                    .body("violations[0].field", equalTo("by"));
        }
    }

    /** The public tier's table (no token): value to public count, plus "total". */
    private static Map<String, Long> publicCounts(String by) {
        JsonPath body = given().noFilters()
                .queryParam("by", by)
                .get("/api/v1/public/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map<String, Object> g : body.<Map<String, Object>>getList("results")) {
            out.put((String) g.get("key"), ((Number) g.get("count")).longValue());
        }
        Number total = body.get("totalCases");
        if (total != null) {
            out.put("total", total.longValue());
        }
        return out;
    }

    @Test
    @Order(20)
    void paddingWithOwnCasesGainsNothing() {
        plant();
        String both = Tokens.of("padder@test", "REPORTER", "RESEARCHER");
        RequestSpecification asPadder = given().header("Authorization", Tokens.bearer(both));
        for (int i = 0; i < 5; i++) {
            CaseReports.submit(report("CA", "FEMALE", 16, "seizure"), both);
        }
        catchUp();
        assertDoesNotPinDown(
                "padding with 5 own cases",
                TRUTH,
                () -> counts(given().header("Authorization", Tokens.bearer(both)), "ageGroup", "country", "CA")
                                .getOrDefault("ADOLESCENT", 0L)
                        - 5);
        // The padder's counts are a researcher's counts: perturbed like anyone's.
        asPadder.queryParam("by", "sex")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("meta.protection.method", equalTo("CELL_KEY"));
    }

    /** After padding: one case names a product no other case names. */
    @Test
    @Order(30)
    void aRareProductNameIsNotShown() {
        plant();
        String rare = "Rare kratom tea " + CaseReports.uniqueToken();
        ObjectNode r = report("US", "MALE", 50, "vomiting");
        ((ObjectNode) r.withArray("products").get(0)).put("name", rare);
        CaseReports.submit(r, Tokens.ADMIN);
        catchUp();
        String id = given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .queryParam("name", rare)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();
        assertThat(counts("productName")).doesNotContainKey(rare);
        // The preview answers as for a name nobody reported: the same body as for a name that is truly new.
        String unseen = "Rare kratom tea " + CaseReports.uniqueToken();
        JsonPath known = given().queryParam("name", rare)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        JsonPath fresh = given().queryParam("name", unseen)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(known.getString("method")).isEqualTo("NEW").isEqualTo(fresh.getString("method"));
        assertThat(known.getString("substance")).isEqualTo(fresh.getString("substance"));
        assertThat(known.getMap("product")).isNull();
        JsonPath byProduct = given().queryParam("by", "product")
                .queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(byProduct.getList("results.labels[0]", String.class)).doesNotContain(rare);
        JsonPath detail = given().get("/api/v1/products/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(detail.getString("name")).isEqualTo("uncurated product " + id);
        assertThat(detail.getList("reportedNames")).isEmpty();
        assertThat(detail.getList("aliases")).isEmpty();
        assertNothingSmall(List.of(detail.getLong("cases")));
        assertThat(given().queryParam("q", rare)
                        .get("/api/v1/products")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id", Long.class))
                .doesNotContain(Long.valueOf(id));
        assertThat(given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                        .queryParam("q", rare)
                        .get("/api/v1/products")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.id", Long.class))
                .contains(Long.valueOf(id));
        given().queryParam("by", "sex")
                .queryParam("productName", rare)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("productName"));
        // A reviewer sees it all.
        given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .get("/api/v1/products/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(rare))
                .body("cases", equalTo(1));
    }

    @Inject
    ReleaseStore releases;

    /**
     * A release cut while changes wait in the queue (the worker is off here): the cut folds them in while it holds
     * case changes off and copies the cells they changed again, so the release is exactly the live cells.
     */
    @Test
    @Order(40)
    void aReleaseCutWhileChangesWaitHoldsThemAll() throws Exception {
        plant();
        CaseReports.submit(report("GB", "MALE", 61, "tremor"), Tokens.ADMIN);
        CaseReports.submit(report("CA", "FEMALE", 16, "seizure"), Tokens.ADMIN);
        assertThat(count("select count(*) from stats_queue")).isPositive();
        ReleaseStore.Info info = releases.cut();
        assertThat(count("select count(*) from stats_queue")).isZero();
        assertThat(info.cases()).isEqualTo(count("select count(*) from stats_fact"));
        assertThat(count("select count(*) from ((select a, b, period, n, k from stats_cell where n > 0 except"
                        + " select a, b, period, n, k from stats_release_cell) union all (select a, b, period, n, k"
                        + " from stats_release_cell except select a, b, period, n, k from stats_cell)) x"))
                .isZero();
        PerturbationTable table = new PerturbationTable(5);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("select n, k, p from stats_release_cell")) {
            while (r.next()) {
                assertThat(r.getLong(3)).isEqualTo(table.release(r.getLong(1), r.getLong(2)));
            }
        }
    }

    private long count(String sql) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String productId() {
        return given().queryParam("name", PRODUCT)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();
    }
}
