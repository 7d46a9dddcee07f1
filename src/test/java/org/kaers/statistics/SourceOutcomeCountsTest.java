package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestRole;

/**
 * CAERS's own outcome list is countable (dimension sourceOutcome), the outcomes that are no seriousness
 * criterion (VISITED AN ER, NONE, ...) included, beside the criteria. Expected counts are read off the file below.
 */
@QuarkusTest
@TestRole("ADMIN")
class SourceOutcomeCountsTest {

    private static final String PRODUCT = "SOURCE OUTCOME TEST PRODUCT";

    @Test
    void theSourcesOutcomesAreADimension() {
        StringBuilder csv = new StringBuilder("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
        int[] report = {0};
        rows(csv, report, 3, "\"VISITED AN ER, HOSPITALIZATION\"");
        rows(csv, report, 2, "NONE");
        rows(csv, report, 4, "\"VISITED A HEALTH CARE PROVIDER, NON-SERIOUS INJURIES/ ILLNESS\"");
        rows(csv, report, 1, "");
        given().contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(10));
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        Map<String, Integer> expected = Map.of(
                "VISITED AN ER",
                3,
                "HOSPITALIZATION",
                3,
                "NONE",
                2,
                "VISITED A HEALTH CARE PROVIDER",
                4,
                "NON-SERIOUS INJURIES/ ILLNESS",
                4);
        assertThat(counts("sourceOutcome")).isEqualTo(expected);
        // Beside the criteria: the 3 hospitalised cases visited an ER.
        JsonPath both = given().queryParam("by", "sourceOutcome,criterion")
                .queryParam("productName", PRODUCT)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(both.getList("results.keys"))
                .containsExactlyInAnyOrder(
                        List.of("HOSPITALIZATION", "HOSPITALIZATION"), List.of("VISITED AN ER", "HOSPITALIZATION"));
        // A filter on it: the ER visits by verbatim.
        given().queryParam("by", "verbatim")
                .queryParam("sourceOutcome", "VISITED AN ER")
                .queryParam("productName", PRODUCT)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("results[0].keys[0]", equalTo("NAUSEA"))
                .body("results[0].count", equalTo(3));
        // Importing the file again stores nothing twice.
        given().contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(0));
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        assertThat(counts("sourceOutcome")).isEqualTo(expected);
        // Bad values name the field.
        given().queryParam("by", "verbatim")
                .queryParam("sourceOutcome", "x".repeat(101))
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sourceOutcome"));
    }

    private static Map<String, Integer> counts(String by) {
        JsonPath body = given().queryParam("by", by)
                .queryParam("productName", PRODUCT)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Integer> out = new HashMap<>();
        for (Map<String, Object> g : body.<Map<String, Object>>getList("results")) {
            out.put(((List<?>) g.get("keys")).get(0).toString(), ((Number) g.get("count")).intValue());
        }
        return out;
    }

    private static void rows(StringBuilder csv, int[] report, int count, String outcomes) {
        for (int i = 0; i < count; i++) {
            csv.append("SOUT-")
                    .append(report[0]++)
                    .append(",5/1/2024,,Suspect,")
                    .append(PRODUCT)
                    .append(",54,,40,Year(s),Female,")
                    .append(outcomes)
                    .append(",NAUSEA\n");
        }
    }
}
