package org.kaers.vocabulary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.TestRole;

/**
 * FDA's MedDRA terms on import are already coded: they match a synonym exactly or stay their own term, and are
 * never spelling-corrected into a neighbouring term (issue 12: HYPERNATRAEMIA was coded Hyponatraemia, ABASIA
 * Ataxia, ...). Uncoded terms still count at the level as reported and wait in the coding queue by case count.
 */
@QuarkusTest
@TestRole("ADMIN")
class SourceCodedTermsTest {

    private static final String PRODUCT = "SOURCE CODED TERMS TEST PRODUCT";
    private static final Map<String, Integer> TERMS = Map.of(
            "HYPERNATRAEMIA",
            7,
            "HYPERTHYROIDISM",
            2,
            "PLATELET COUNT INCREASED",
            1,
            "LIBIDO INCREASED",
            1,
            "HYPERACUSIS",
            1,
            "DYSPHONIA",
            1,
            "ABASIA",
            1,
            "NAUSIA",
            1,
            "HYPONATRAEMIA",
            1);

    @Inject
    TestDatabase db;

    @Test
    void sourceTermsAreExactOrTheirOwnAndCountAsReported() {
        // A FUZZY coding left from before (a spelling correction of a coded term) is replaced on import.
        db.count("""
                with u as (insert into verbatim_coding (verbatim, normalized, term_id, method, score, matched_synonym, coded_at)
                    select 'HYPERTHYROIDISM', 'hyperthyroidism', t.id, 'FUZZY', 0.867, 'Hypothyroidism', now()
                    from symptom_term t where t.preferred_name = 'Hypothyroidism'
                    on conflict (verbatim) do update set method = 'FUZZY', term_id = excluded.term_id returning 1)
                select count(*) from u""");
        StringBuilder csv = new StringBuilder("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
        int report = 0;
        for (Map.Entry<String, Integer> term : TERMS.entrySet()) {
            for (int i = 0; i < term.getValue(); i++) {
                csv.append("SRC-")
                        .append(report++)
                        .append(",3/1/2024,,Suspect,")
                        .append(PRODUCT)
                        .append(",54,,40,Year(s),Female,NONE,\"")
                        .append(term.getKey())
                        .append("\"\n");
            }
        }
        given().contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(16));

        for (String uncoded : List.of(
                "HYPERNATRAEMIA",
                "HYPERTHYROIDISM",
                "PLATELET COUNT INCREASED",
                "LIBIDO INCREASED",
                "HYPERACUSIS",
                "DYSPHONIA",
                "ABASIA",
                "NAUSIA")) {
            assertThat(db.string("select method from verbatim_coding where verbatim = '" + uncoded + "'"))
                    .as(uncoded)
                    .isEqualTo("UNCODED");
        }
        // An exact preferred name is coded as before.
        assertThat(db.string("select c.method || ' ' || t.preferred_name from verbatim_coding c join symptom_term t"
                        + " on t.id = c.term_id where c.verbatim = 'HYPONATRAEMIA'"))
                .isEqualTo("EXACT Hyponatraemia");
        // Free text from a reporter is still spelling-tolerant (but not across a meaning).
        given().queryParam("text", "nausia")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(200)
                .body("method", equalTo("FUZZY"))
                .body("term.preferredName", equalTo("Nausea"));
        given().queryParam("text", "hypernatraemia")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(200)
                .body("method", equalTo("UNCODED"));

        // Counted at the level as reported, uncoded or not (independent count: the file above).
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        JsonPath counts = given().queryParam("by", "verbatim")
                .queryParam("productName", PRODUCT)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Integer> byTerm = new HashMap<>();
        for (Map<String, Object> g : counts.<Map<String, Object>>getList("results")) {
            byTerm.put(((List<?>) g.get("keys")).get(0).toString(), ((Number) g.get("count")).intValue());
        }
        assertThat(byTerm).isEqualTo(TERMS);

        // The coding queue lists them by active case count (HYPERNATRAEMIA's 7 before HYPERTHYROIDISM's 2).
        List<Map<String, Object>> queue = given().queryParam("size", 100)
                .get("/api/v1/vocabulary/coding-queue")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        Map<String, Object> hyper = queue.stream()
                .filter(e -> e.get("normalized").equals("hypernatremia"))
                .findFirst()
                .orElseThrow();
        assertThat(((Number) hyper.get("cases")).intValue()).isGreaterThanOrEqualTo(7);
        List<Long> cases =
                queue.stream().map(e -> ((Number) e.get("cases")).longValue()).toList();
        assertThat(cases).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }
}
