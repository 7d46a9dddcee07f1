package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

/**
 * The maintained aggregates against a recount from the raw rows, through every kind of change: submissions,
 * follow-ups, nullifications, a CAERS import, re-coding a verbatim, curating and merging products, and a rebuild.
 * Its own profile, so the database holds only this class's cases (a profile starts on a clean database); small
 * cells are not suppressed and the background worker is off, so the test decides when changes are folded in.
 * StatsCountsExactTest shares the profile (its cases are isolated by name) and runs after this class: Quarkus
 * orders the classes of one profile by name; were the order ever reversed, the totals here would fail.
 */
@QuarkusTest
@TestProfile(StatsAggregatesTest.Profile.class)
class StatsAggregatesTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A fold of 25 cases or more, and at least a quarter of those counted, writes the cells anew (bulk):
            // the first 30 submissions and the 30 more at the end; the changes in between apply their deltas.
            return Map.of(
                    "kaers.stats.small-cell-threshold", "0",
                    "kaers.stats.aggregate-interval", "off",
                    "kaers.stats.bulk-fold.min-cases", "25");
        }
    }

    private static final String[] PRODUCTS = {
        "Maeng Da Kratom Powder",
        "OPMS Liquid Kratom",
        "7OH tablets",
        "alcohol",
        "Feel Free Tonic",
        "Zyx Botanicals Kratom Blend",
        "XANAX",
        "Qwerty Herbal Kratom Shots"
    };
    private static final String[] VERBATIMS = {
        "vomiting",
        "seizure",
        "fits",
        "jaundice",
        "felt weird",
        "nausea",
        "dark urine",
        "drug withdrawal syndrome",
        "tachycardia"
    };
    private static final String[] SEXES = {"FEMALE", "MALE", "UNKNOWN"};
    private static final String[] QUALIFICATIONS = {"PHYSICIAN", "PHARMACIST", "NURSE", "CONSUMER"};
    private static final String[] COUNTRIES = {"US", "CA", "GB"};
    private static final String[] FORMS = {"POWDER", "CAPSULE", "LIQUID_EXTRACT"};
    private static final String[] OUTCOMES = {"RECOVERED", "UNKNOWN", "NOT_RECOVERED"};
    private static final String[] CRITERIA = {"HOSPITALIZATION", "LIFE_THREATENING", "OTHER_MEDICALLY_IMPORTANT"};
    private static final String[] REASONS = {
        "INTENTIONAL_ABUSE", "WITHDRAWAL", "UNINTENTIONAL_GENERAL", "ADVERSE_REACTION"
    };
    private static final String[] CHRONICITIES = {"ACUTE", "CHRONIC", "ACUTE_ON_CHRONIC"};
    private static final String[] CARE_LEVELS = {"TREATED_AT_HOME", "TREATED_AND_RELEASED", "ADMITTED_WARD"};
    private static final String[] MEDICAL_OUTCOMES = {"MINOR", "MODERATE", "MAJOR", "NO_EFFECT"};

    @Inject
    StatsService stats;

    @Inject
    TrendService trends;

    @Inject
    ObjectMapper json;

    @Inject
    TestDatabase db;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void aggregatesEqualARecountThroughEveryChange() throws java.sql.SQLException {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            cases.add(CaseReports.submit(generated(i)));
        }
        double bulkBefore = folds("bulk");
        catchUp();
        assertThat(folds("bulk")).isEqualTo(bulkBefore + 1);
        // Known by construction: 30 cases; sex cycles FEMALE, MALE, UNKNOWN.
        JsonNode sexes = get("/api/v1/stats/counts?by=sex");
        assertThat(sexes.at("/meta/totalCases").asLong()).isEqualTo(30);
        assertThat(sexes.at("/meta/answeredFrom").asText()).isEqualTo("AGGREGATES");
        assertThat(keyCounts(sexes)).containsExactly("FEMALE=10", "MALE=10", "UNKNOWN=10");
        compareEverything("after 30 submissions");

        // Follow-ups change products, reactions, sex and seriousness; nullifications remove cases.
        for (int i : new int[] {0, 1, 2}) {
            ObjectNode changed = generated(i + 7);
            given().contentType(ContentType.JSON)
                    .header("If-Match", "\"1\"")
                    .body(changed.toString())
                    .post("/api/v1/reports/" + cases.get(i) + "/follow-ups")
                    .then()
                    .statusCode(201);
        }
        for (int i : new int[] {3, 4}) {
            given().contentType(ContentType.JSON)
                    .body("{\"reason\": \"DUPLICATE\"}")
                    .post("/api/v1/reports/" + cases.get(i) + "/nullification")
                    .then()
                    .statusCode(200);
        }
        // Pending changes are visible until folded in.
        JsonNode before = get("/api/v1/stats/counts?by=sex");
        assertThat(before.at("/meta/totalCases").asLong()).isEqualTo(30);
        assertThat(before.at("/meta/pendingCases").asLong()).isEqualTo(5);
        given().get("/api/v1/stats/aggregates")
                .then()
                .statusCode(200)
                .body("pendingCases", org.hamcrest.Matchers.equalTo(5));
        given().post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200)
                .body("folded", org.hamcrest.Matchers.equalTo(5))
                .body("pendingCases", org.hamcrest.Matchers.equalTo(0));
        assertThat(get("/api/v1/stats/counts?by=sex").at("/meta/totalCases").asLong())
                .isEqualTo(28);
        compareEverything("after follow-ups and nullifications");

        // Causality assessments re-queue their cases (a reassessment of case 7 replaces its PROBABLE).
        String[][] assessments = {
            {"5", "PROBABLE"}, {"6", "POSSIBLE"}, {"7", "CERTAIN"}, {"7", "UNLIKELY"}, {"8", "PROBABLE"}
        };
        for (String[] a : assessments) {
            given().contentType(ContentType.JSON)
                    .body("{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"" + a[1] + "\"}")
                    .post("/api/v1/reports/" + cases.get(Integer.parseInt(a[0])) + "/causality")
                    .then()
                    .statusCode(201);
        }
        assertThat(db.count("select count(*) from stats_queue")).isPositive();
        catchUp();
        assertThat(keyCounts(get("/api/v1/stats/counts?by=causality"))).containsExactly("PROBABLE_OR_BETTER=2");
        compareEverything("after causality assessments");

        // A CAERS import: several products per report, comma lists of outcomes and symptoms.
        given().contentType("text/csv")
                .body("""
                RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms
                AGG-1,1/15/2019,1/2/2019,Suspect,KRATOM,54,Vit/Min/Prot/Unconv Diet(Human/Animal),34,Year(s),Male,"HOSPITALIZATION, VISITED AN ER","VOMITING, SEIZURE"
                AGG-1,1/15/2019,1/2/2019,Concomitant,ALCOHOL,54,Vit/Min/Prot/Unconv Diet(Human/Animal),34,Year(s),Male,"HOSPITALIZATION, VISITED AN ER","SEIZURE, VOMITING"
                AGG-2,3/9/2020,,Suspect,MIT45 GOLD,54,Vit/Min/Prot/Unconv Diet(Human/Animal),,Not Available,Female,NON-SERIOUS INJURIES/ ILLNESS,NAUSEA
                AGG-3,3/30/2020,3/1/2020,Suspect,KRATOM CAPSULES,54,Vit/Min/Prot/Unconv Diet(Human/Animal),70,Year(s),Unknown,DEATH,"CARDIAC ARREST, JAUNDICE"
                """)
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200);
        catchUp();
        compareEverything("after a CAERS import");

        // Re-coding a verbatim moves its cases to another term.
        given().contentType(ContentType.JSON)
                .body("{\"verbatim\": \"felt weird\", \"termCode\": \"" + termCode("nausea")
                        + "\", \"codedBy\": \"reviewer@test.example\"}")
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(200);
        assertThat(db.count("select count(*) from stats_queue")).isPositive();
        catchUp();
        compareEverything("after re-coding a verbatim");

        // Curating a product to another substance, then merging one product into another.
        long blend = productOf("Zyx Botanicals Kratom Blend");
        long blends = productOf("Qwerty Herbal Kratom Shots");
        assertThat(blends).isNotEqualTo(blend);
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Zyx Blend\", \"form\": \"POWDER\", \"substance\": \"KAVA\"}")
                .put("/api/v1/products/" + blend)
                .then()
                .statusCode(200);
        catchUp();
        compareEverything("after curating a product's substance");
        given().contentType(ContentType.JSON)
                .body("{\"into\": " + blend + ", \"mergedBy\": \"reviewer@test.example\"}")
                .post("/api/v1/products/" + blends + "/merge")
                .then()
                .statusCode(200);
        catchUp();
        compareEverything("after merging products");

        // 30 more cases, as many as are counted: folded in bulk onto the cells stored, not from the facts alone.
        for (int i = 30; i < 60; i++) {
            CaseReports.submit(generated(i));
        }
        double incremental = folds("incremental");
        bulkBefore = folds("bulk");
        catchUp();
        assertThat(folds("bulk")).isEqualTo(bulkBefore + 1);
        assertThat(folds("incremental")).isEqualTo(incremental);
        assertThat(get("/api/v1/stats/counts?by=sex").at("/meta/totalCases").asLong())
                .isEqualTo(61);
        compareEverything("after 30 more submissions");

        // A bulk fold that cannot lock the tables it replaces (a reader holds the facts, as an export streaming them
        // would) gives up after its wait and applies its deltas instead: same numbers, and no reader held back long.
        for (int i = 60; i < 90; i++) {
            CaseReports.submit(generated(i));
        }
        incremental = folds("incremental");
        bulkBefore = folds("bulk");
        try (java.sql.Connection reader = dataSource.getConnection();
                java.sql.Statement st = reader.createStatement()) {
            reader.setAutoCommit(false);
            st.execute("lock table stats_fact in access share mode");
            catchUp();
            reader.rollback();
        }
        assertThat(folds("bulk")).isEqualTo(bulkBefore);
        assertThat(folds("incremental")).isEqualTo(incremental + 1);
        assertThat(db.count("select count(*) from pg_class where relname in ('stats_cell_next', 'stats_fact_next')"))
                .isZero();
        assertThat(get("/api/v1/stats/counts?by=sex").at("/meta/totalCases").asLong())
                .isEqualTo(91);
        compareEverything("after 30 more submissions, the swap refused");

        // A rebuild from the raw rows gives the very cells the worker maintained.
        String cells = "select string_agg(a || '|' || b || '|' || period || '|' || n, ';' order by a, b, period)"
                + " from stats_cell where n <> 0";
        String maintained = db.string(cells);
        given().post("/api/v1/stats/aggregates/rebuild")
                .then()
                .statusCode(200)
                .body("rebuiltAt", org.hamcrest.Matchers.notNullValue());
        assertThat(db.string(cells)).isEqualTo(maintained);
        compareEverything("after a rebuild");
    }

    @Test
    void combinationsTheCellsDoNotHoldAreCountedFromRawRows() {
        JsonNode body = get("/api/v1/stats/counts?by=symptom&sex=FEMALE&serious=true");
        assertThat(body.at("/meta/answeredFrom").asText()).isEqualTo("RAW_ROWS");
        assertThat(body.at("/meta/pendingCases").asLong()).isZero();
        JsonNode partMonth = get("/api/v1/stats/counts?by=sex&receivedFrom=2026-01-15");
        assertThat(partMonth.at("/meta/answeredFrom").asText()).isEqualTo("RAW_ROWS");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void compareEverything(String stage) {
        List<String> queries = new ArrayList<>();
        List<String> dims =
                Arrays.stream(Dimension.values()).map(Dimension::code).toList();
        for (String d : dims) {
            queries.add("by=" + d);
            if (!d.equals("substance")) {
                queries.add("by=" + d + "&substance=KRATOM");
            }
            if (!d.equals("sex")) {
                queries.add("by=" + d + "&sex=FEMALE,MALE");
            }
            if (!d.equals("criterion")) {
                queries.add("by=" + d + "&criterion=HOSPITALIZATION");
            }
            if (!d.equals("symptom")) {
                queries.add("by=" + d + "&symptom=" + termCode("vomiting"));
            }
            queries.add("by=" + d + "&receivedFrom=2019-01-01&receivedTo=2020-03-31");
        }
        // Every pair of dimensions; both orders after the first and the last change only (keys swap in place).
        boolean bothOrders = stage.startsWith("after 30") || stage.endsWith("rebuild");
        for (int i = 0; i < dims.size(); i++) {
            for (int j = bothOrders ? 0 : i + 1; j < dims.size(); j++) {
                if (i != j) {
                    queries.add("by=" + dims.get(i) + "," + dims.get(j));
                }
            }
        }
        for (String q : queries) {
            JsonNode served = get("/api/v1/stats/counts?" + q + "&size=1000");
            assertThat(served.at("/meta/answeredFrom").asText()).as(q).isEqualTo("AGGREGATES");
            JsonNode recount = json.valueToTree(stats.recount(BoundQuery.counts(params(q + "&size=1000"))));
            assertThat(comparable(served)).as(stage + ": " + q).isEqualTo(comparable(recount));
        }
        for (String q : List.of(
                "interval=MONTH",
                "interval=QUARTER",
                "interval=YEAR",
                "date=onset",
                "date=onset&interval=YEAR",
                "substance=KRATOM",
                "sex=MALE,UNKNOWN&interval=QUARTER",
                "date=onset&substance=KRATOM",
                "receivedFrom=2019-01-01&receivedTo=2019-12-31")) {
            JsonNode served = get("/api/v1/stats/trends?" + q);
            assertThat(served.at("/meta/answeredFrom").asText()).as(q).isEqualTo("AGGREGATES");
            TrendParams t = BoundQuery.bind(TrendParams.class, params(q));
            JsonNode recount = json.valueToTree(trends.recount(BoundQuery.filters(params(q)), t.period(), t.onset()));
            assertThat(comparable(served)).as(stage + ": trends " + q).isEqualTo(comparable(recount));
        }
        for (String q :
                List.of("substance=KRATOM", "substance=ALCOHOL", "product=" + productOf("Maeng Da Kratom Powder"))) {
            JsonNode served = get("/api/v1/stats/summary?" + q);
            assertThat(served.at("/meta/answeredFrom").asText()).as(q).isEqualTo("AGGREGATES");
            JsonNode recount = json.valueToTree(stats.recountSummary(BoundQuery.filters(params(q))));
            assertThat(comparable(served)).as(stage + ": summary " + q).isEqualTo(comparable(recount));
        }
    }

    /** The response without what legitimately differs between the two sources. */
    private static String comparable(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        ObjectNode meta = (ObjectNode) copy.get("meta");
        meta.remove(List.of("answeredFrom", "pendingCases", "lagSeconds", "lastUpdated"));
        return copy.toString();
    }

    private static MultivaluedMap<String, String> params(String query) {
        MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.add(kv[0], kv[1]);
        }
        return out;
    }

    private JsonNode get(String path) {
        String body = given().get(path).then().statusCode(200).extract().asString();
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> keyCounts(JsonNode counts) {
        List<String> out = new ArrayList<>();
        counts.get("results")
                .forEach(g ->
                        out.add(g.at("/keys/0").asText() + "=" + g.get("count").asLong()));
        return out;
    }

    private final Map<String, String> terms = new LinkedHashMap<>();

    private String termCode(String verbatim) {
        return terms.computeIfAbsent(
                verbatim,
                v -> given().queryParam("text", v)
                        .get("/api/v1/vocabulary/coding-preview")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("term.code"));
    }

    private long productOf(String name) {
        return db.count("select product_id from product_name_coding where name = '" + name.replace("'", "''") + "'");
    }

    /** The folds of one mode so far (kaers.stats.folds). */
    private double folds(String mode) {
        return registry.counter("kaers.stats.folds", "mode", mode).count();
    }

    private static void catchUp() {
        given().post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200)
                .body("pendingCases", org.hamcrest.Matchers.equalTo(0));
    }

    /** A varied case from its index: 1 to 3 products, 1 to 4 reactions, attributes cycling at different rates. */
    private static ObjectNode generated(int i) {
        ObjectNode r = CaseReports.minimal();
        r.with("reporter")
                .put("qualification", QUALIFICATIONS[i % QUALIFICATIONS.length])
                .put("country", COUNTRIES[(i / 2) % COUNTRIES.length]);
        ObjectNode patient = r.with("patient");
        patient.put("sex", SEXES[i % SEXES.length]);
        if (i % 4 != 0) {
            patient.putObject("age").put("value", 15 + (i * 7) % 70).put("unit", "YEAR");
        }
        r.putArray("products");
        for (int k = 0; k <= i % 3; k++) {
            ObjectNode p = r.withArray("products")
                    .addObject()
                    .put("role", k == 0 ? "SUSPECT" : "CONCOMITANT")
                    .put("name", PRODUCTS[(i * 3 + k * 5) % PRODUCTS.length]);
            if ((i + k) % 2 == 0) {
                p.put("form", FORMS[(i + k) % FORMS.length]);
            }
        }
        r.putArray("reactions");
        for (int k = 0; k <= i % 4; k++) {
            ObjectNode reaction = r.withArray("reactions")
                    .addObject()
                    .put("verbatim", VERBATIMS[(i * 5 + k * 2) % VERBATIMS.length])
                    .put("outcome", OUTCOMES[(i + k) % OUTCOMES.length]);
            if ((i + k) % 3 != 0) {
                reaction.put("onsetDate", "2026-%02d-%02d".formatted(1 + (i + k) % 10, 1 + k));
            }
        }
        if (i % 3 == 1) {
            CaseReports.criteria(r).add(CRITERIA[i % CRITERIA.length]);
        }
        if (i % 5 != 0) {
            r.putObject("exposure").put("reason", REASONS[i % REASONS.length]).put("chronicity", CHRONICITIES[i % 3]);
        }
        if (i % 4 == 1) {
            r.with("exposure").put("site", i % 8 == 1 ? "OWN_RESIDENCE" : "WORKPLACE");
        }
        if (i % 2 == 0) {
            r.putObject("care")
                    .put("level", CARE_LEVELS[i % CARE_LEVELS.length])
                    .put("medicalOutcome", MEDICAL_OUTCOMES[i % MEDICAL_OUTCOMES.length]);
        }
        return r;
    }
}
