package org.kaers.signals;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.TestRole;
import org.kaers.fixtures.Tokens;

/**
 * Signals through HTTP on data built so that one pair is a clear signal and another is not. Its own profile
 * (a clean database holding only these cases):
 * <pre>
 * 33 cases of "Signalwort kratom powder": 20 seizure, 10 nausea, 3 vomiting
 * 190 cases of alcohol:                    5 seizure, 100 nausea, 85 vomiting
 * </pre>
 * Seizure: a=20 b=13 c=5 d=185 (a clear signal); nausea: a=10 b=23 c=100 d=90 (reported less than expected);
 * vomiting: a=3, withheld (threshold 5).
 */
@QuarkusTest
@TestRole("REVIEWER")
@TestProfile(SignalResourceTest.Profile.class)
class SignalResourceTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kaers.stats.aggregate-interval", "off", "kaers.signals.refit-check", "off");
        }
    }

    private static final String PRODUCT = "Signalwort kratom powder";
    private static String productId;

    @Inject
    TestDatabase db;

    private static String product() {
        if (productId == null) {
            StringBuilder csv =
                    new StringBuilder("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                            + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                            + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
            int[] report = {0};
            rows(csv, report, 20, PRODUCT, "SEIZURE");
            rows(csv, report, 10, PRODUCT, "NAUSEA");
            rows(csv, report, 3, PRODUCT, "VOMITING");
            rows(csv, report, 5, "ALCOHOL", "SEIZURE");
            rows(csv, report, 100, "ALCOHOL", "NAUSEA");
            rows(csv, report, 85, "ALCOHOL", "VOMITING");
            given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                    .contentType("text/csv")
                    .body(csv.toString())
                    .post("/api/v1/imports/caers")
                    .then()
                    .statusCode(200)
                    .body("imported", equalTo(223));
            given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                    .post("/api/v1/stats/aggregates/catch-up")
                    .then()
                    .statusCode(200);
            productId = given().queryParam("name", PRODUCT)
                    .get("/api/v1/products/match")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("product.id")
                    .toString();
        }
        return productId;
    }

    private static void rows(StringBuilder csv, int[] report, int count, String product, String symptom) {
        for (int i = 0; i < count; i++) {
            csv.append("SIG-")
                    .append(report[0]++)
                    .append(",6/1/2024,,Suspect,")
                    .append(product)
                    .append(",54,,40,Year(s),Female,NON-SERIOUS INJURIES/ ILLNESS,")
                    .append(symptom)
                    .append('\n');
        }
    }

    @Test
    void aClearSignalAndANonSignalWithTheirTables() {
        JsonPath body = table("product", product());
        assertThat(body.getString("meta.subject.label")).isEqualTo("Signalwort kratom powder");
        assertThat(body.getLong("meta.subjectCases")).isEqualTo(33);
        assertThat(body.getLong("meta.totalCases")).isEqualTo(223);
        assertThat(body.getString("meta.answeredFrom")).isEqualTo("AGGREGATES");
        assertThat(body.getLong("meta.dataVersion")).isPositive();
        assertThat(body.getString("meta.caution")).contains("not proof");
        Map<String, Object> seizure = row(body, "Seizure");
        assertThat(List.of(seizure.get("a"), seizure.get("b"), seizure.get("c"), seizure.get("d")))
                .containsExactly(20, 13, 5, 185);
        // By hand: PRR = (20/33) / (5/190); ROR = 20*185 / (13*5); E0 = 33*25/223.
        assertThat(measure(seizure, "prr", "value")).isCloseTo((20.0 / 33) / (5.0 / 190), within(1e-4));
        assertThat(measure(seizure, "ror", "value")).isCloseTo(20.0 * 185 / (13 * 5), within(1e-4));
        assertThat(((Number) seizure.get("expected")).doubleValue()).isCloseTo(33.0 * 25 / 223, within(1e-4));
        assertThat(measure(seizure, "ic", "value"))
                .isCloseTo(Math.log((20.5) / (33.0 * 25 / 223 + 0.5)) / Math.log(2), within(1e-4));
        assertThat(flags(seizure))
                .containsEntry("evans", true)
                .containsEntry("ror", true)
                .containsEntry("ic", true);
        // 6 product x symptom cells are too few for a prior: EBGM is null, and meta.prior says why.
        assertThat(((Map<?, ?>) seizure.get("ebgm")).get("value")).isNull();
        assertThat(flags(seizure)).containsEntry("ebgm", false);
        assertThat(body.getBoolean("meta.prior.fitted")).isFalse();
        assertThat(body.getString("meta.prior.level")).isEqualTo("symptom");
        assertThat(body.getList("meta.prior.warnings", String.class))
                .singleElement()
                .asString()
                .startsWith("too little data: 6 product x reaction cells with N >= 1, a prior needs at least 100");

        Map<String, Object> nausea = row(body, "Nausea");
        assertThat(List.of(nausea.get("a"), nausea.get("b"), nausea.get("c"), nausea.get("d")))
                .containsExactly(10, 23, 100, 90);
        assertThat(measure(nausea, "prr", "value")).isLessThan(1);
        assertThat(flags(nausea))
                .containsEntry("evans", false)
                .containsEntry("ror", false)
                .containsEntry("ic", false)
                .containsEntry("ebgm", false);

        // Reviewers (this class's role) and administrators get exact counts: the small row is there for them.
        Map<String, Object> vomiting = row(body, "Vomiting");
        assertThat(vomiting.get("suppressed")).isEqualTo(false);
        assertThat(vomiting.get("a")).isEqualTo(3);
        assertThat(body.getInt("meta.smallCellThreshold")).isZero();
        assertThat(body.getString("meta.protection.method")).isEqualTo("NONE");
        JsonPath admin = given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .queryParam("product", product())
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(row(admin, "Vomiting").get("a")).isEqualTo(3);
        // Sorted by EB05, descending.
        assertThat(body.getList("results.label", String.class)).first().isEqualTo("Seizure");
        assertThat(body.getList("results.label", String.class))
                .containsExactlyInAnyOrder("Seizure", "Nausea", "Vomiting");

        // The counts against a direct recount from the raw rows.
        long recount = db.count("""
                select count(distinct v.case_id) from case_version v
                join case_report cr on cr.id = v.case_id and cr.current_version = v.version and cr.status = 'ACTIVE'
                join case_product p on p.case_version_id = v.id
                join case_reaction r on r.case_version_id = v.id
                where p.name_reported = 'Signalwort kratom powder' and r.verbatim = 'SEIZURE'""");
        assertThat(recount).isEqualTo(20);
    }

    @Test
    void otherSubjectsFiltersSortingAndCsv() {
        String seizure = given().queryParam("text", "seizure")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .extract()
                .path("term.code");
        JsonPath bySymptom = table("symptom", seizure);
        Map<String, Object> productRow = bySymptom.<Map<String, Object>>getList("results").stream()
                .filter(r -> r.get("key").equals(product()))
                .findFirst()
                .orElseThrow();
        // Subject seizure (25 cases), row the product (33 cases): a = 20, b = 5 (seizure without it), c = 13.
        assertThat(List.of(productRow.get("a"), productRow.get("b"), productRow.get("c"), productRow.get("d")))
                .containsExactly(20, 5, 13, 185);
        // A filter the aggregates cannot combine with the subject: recounted from raw rows, same numbers here.
        JsonPath filtered = given().queryParam("product", product())
                .queryParam("serious", "false")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(filtered.getString("meta.answeredFrom")).isEqualTo("RAW_ROWS");
        assertThat(filtered.getMap("meta.filters")).containsEntry("serious", List.of("false"));
        assertThat(row(filtered, "Seizure").get("a")).isEqualTo(20);
        // minCases and sorting.
        JsonPath big = given().queryParam("product", product())
                .queryParam("minCases", 15)
                .queryParam("sort", "a")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(big.getList("results.label", String.class)).containsExactly("Seizure");
        // Organ classes of a substance.
        given().queryParam("substance", "KRATOM")
                .queryParam("against", "organClass")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .body("meta.against", equalTo("organClass"));
        String csv = given().accept("text/csv")
                .queryParam("product", product())
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("key,label,suppressed,a,b,c,d,expected,prr");
        assertThat(csv.lines().count()).isEqualTo(4);
    }

    @Test
    void thePriorIsFittedStoredAndRefittedPerLevelAndSaysWhenDataAreTooFew() {
        product();
        table("product", product());
        JsonPath prior = given().get("/api/v1/signals/prior")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(prior.getString("level")).isEqualTo("symptom");
        assertThat(prior.getInt("cells")).isEqualTo(6); // 2 products x 3 symptoms
        assertThat(prior.getBoolean("fitted")).isFalse();
        assertThat(prior.getBoolean("converged")).isFalse();
        assertThat(prior.get("alpha1") == null).isTrue();
        assertThat(prior.getList("warnings", String.class))
                .singleElement()
                .asString()
                .startsWith("too little data: 6");
        long id = prior.getLong("id");
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/signals/prior")
                .then()
                .statusCode(200)
                .body("reason", equalTo("on request"))
                .body("level", equalTo("symptom"))
                .body("id", org.hamcrest.Matchers.greaterThan((int) id));
        // The level as reported has its own prior.
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .queryParam("against", "verbatim")
                .post("/api/v1/signals/prior")
                .then()
                .statusCode(200)
                .body("level", equalTo("verbatim"))
                .body("cells", equalTo(6))
                .body("fitted", equalTo(false));
        given().queryParam("against", "verbatim")
                .get("/api/v1/signals/prior")
                .then()
                .statusCode(200)
                .body("level", equalTo("verbatim"));
        given().queryParam("x", 1).get("/api/v1/signals/prior").then().statusCode(400);
        given().queryParam("against", "organClass")
                .get("/api/v1/signals/prior")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("against"))
                .body("violations[0].message", equalTo("one of: symptom, verbatim"));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .queryParam("against", "x")
                .post("/api/v1/signals/prior")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("against"));
    }

    @Test
    void productNameAndTermAsReported() {
        product();
        // The product name as reported against the terms as reported: the same cases as the coded table here.
        JsonPath byName = given().queryParam("productName", PRODUCT)
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(byName.getString("meta.subject.dimension")).isEqualTo("productName");
        assertThat(byName.getString("meta.subject.label")).isEqualTo(PRODUCT);
        assertThat(byName.getString("meta.against")).isEqualTo("verbatim");
        assertThat(byName.getString("meta.prior.level")).isEqualTo("verbatim");
        assertThat(byName.getLong("meta.subjectCases")).isEqualTo(33);
        Map<String, Object> seizure = row(byName, "SEIZURE");
        assertThat(seizure.get("key")).isEqualTo("SEIZURE");
        assertThat(List.of(seizure.get("a"), seizure.get("b"), seizure.get("c"), seizure.get("d")))
                .containsExactly(20, 13, 5, 185);
        assertThat(measure(seizure, "prr", "value")).isCloseTo((20.0 / 33) / (5.0 / 190), within(1e-4));
        // Yates: N (|ad - bc| - N/2)^2 / margins, by hand.
        double yates = 223 * Math.pow(Math.abs(20.0 * 185 - 13.0 * 5) - 223 / 2.0, 2) / (33.0 * 190 * 25 * 198);
        assertThat(((Number) seizure.get("chiSquare")).doubleValue()).isCloseTo(yates, within(1e-4));
        // A term as reported against the product names: nausea (110 cases) with the product: a = 10, b = 100, c = 23.
        JsonPath byTerm = given().queryParam("verbatim", "NAUSEA")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(byTerm.getString("meta.against")).isEqualTo("productName");
        Map<String, Object> named = row(byTerm, PRODUCT);
        assertThat(List.of(named.get("a"), named.get("b"), named.get("c"), named.get("d")))
                .containsExactly(10, 100, 23, 90);
        // Mixed levels: a canonical product against terms as reported.
        given().queryParam("product", product())
                .queryParam("against", "verbatim")
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .body("meta.against", equalTo("verbatim"))
                .body("meta.prior.level", equalTo("verbatim"));
        // Bad values name the field.
        given().queryParam("productName", " ")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("productName"));
        given().queryParam("productName", "x".repeat(301))
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("productName"));
        given().queryParam("verbatim", "SEIZURE")
                .queryParam("against", "organClass")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("against"))
                .body("violations[0].message", equalTo("for a verbatim, one of: productName, product, substance"));
        given().queryParam("productName", "NO SUCH PRODUCT NAME")
                .get("/api/v1/signals")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badRequestsSayWhy() {
        given().get("/api/v1/signals")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("product"))
                .body("violations[0].message", startsWith("give exactly one subject"));
        given().queryParam("product", "1")
                .queryParam("substance", "KRATOM")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].message",
                        equalTo("give exactly one subject: product, substance, symptom, organClass,"
                                + " productName or verbatim (got product, substance)"));
        given().queryParam("substance", "KRATOM")
                .queryParam("against", "sex")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("against"));
        given().queryParam("substance", "KRATOM")
                .queryParam("sort", "colour")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("sort"));
        given().queryParam("substance", "KRATOM")
                .queryParam("productForm", "POWDER")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("productForm"));
        given().queryParam("substance", "KRATOM")
                .queryParam("sex", "WOMAN")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("sex"));
        given().queryParam("product", "x1")
                .get("/api/v1/signals")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("product"));
        given().queryParam("product", "999999999")
                .get("/api/v1/signals")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static JsonPath table(String subject, String key) {
        return given().queryParam(subject, key)
                .get("/api/v1/signals")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> row(JsonPath body, String label) {
        return body.<Map<String, Object>>getList("results").stream()
                .filter(r -> label.equals(r.get("label")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label));
    }

    private static double measure(Map<String, Object> row, String measure, String part) {
        return ((Number) ((Map<?, ?>) row.get(measure)).get(part)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> row) {
        return (Map<String, Object>) row.get("signals");
    }
}
