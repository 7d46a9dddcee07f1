package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.Tokens;

/** GET /api/v1/stats/liver-peaks: per-case peak ALT and bilirubin x ULN with the eDISH quadrant, reviewers only. */
@QuarkusTest
@NoDefaultToken
class LiverPeaksTest {

    private static final String REVIEWER = Tokens.of("liver.reviewer@test", "REVIEWER");
    private static final String REPORTER = Tokens.of("liver.reporter@test", "REPORTER");

    /** A case with these labs (code, value, ULN). */
    private static String caseWith(Object[]... labs) {
        ObjectNode report = CaseReports.minimal();
        ArrayNode list = report.putArray("labs");
        for (Object[] lab : labs) {
            ObjectNode l = list.addObject()
                    .put("testCode", (String) lab[0])
                    .put("unit", "TOTAL_BILIRUBIN".equals(lab[0]) ? "mg/dL" : "U/L");
            l.put("value", ((Number) lab[1]).doubleValue());
            if (lab[2] != null) {
                l.put("upperLimitOfNormal", ((Number) lab[2]).doubleValue());
            }
        }
        return CaseReports.submit(report, REPORTER);
    }

    private static Map<String, Object> row(String caseNumber) {
        List<Map<String, Object>> items = given().header("Authorization", Tokens.bearer(REVIEWER))
                .queryParam("size", 1000)
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        int page = 0;
        while (true) {
            for (Map<String, Object> item : items) {
                if (caseNumber.equals(item.get("caseNumber"))) {
                    return item;
                }
            }
            if (items.size() < 1000) {
                return null;
            }
            items = given().header("Authorization", Tokens.bearer(REVIEWER))
                    .queryParam("size", 1000)
                    .queryParam("page", ++page)
                    .get("/api/v1/stats/liver-peaks")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items");
        }
    }

    private static java.math.BigDecimal number(Object value) {
        return new java.math.BigDecimal(String.valueOf(value));
    }

    private static void assertPeaks(Map<String, Object> row, String alt, String bilirubin, String quadrant) {
        assertThat(row).isNotNull().containsEntry("quadrant", quadrant);
        assertThat(number(row.get("altXUln"))).isEqualByComparingTo(alt);
        assertThat(number(row.get("bilirubinXUln"))).isEqualByComparingTo(bilirubin);
    }

    @Test
    void peaksAreMultiplesOfTheUpperLimitAndPlaceTheCaseInItsQuadrant() {
        // two ALT values: the peak counts (480 / 40 = 12); bilirubin 3.6 / 1.2 = 3; ALP 1.5: Hy's law
        String hy = caseWith(
                new Object[] {"ALT", 200, 40},
                new Object[] {"ALT", 480, 40},
                new Object[] {"TOTAL_BILIRUBIN", 3.6, 1.2},
                new Object[] {"ALP", 180, 120});
        String temple = caseWith(new Object[] {"ALT", 200, 40}, new Object[] {"TOTAL_BILIRUBIN", 1.2, 1.2});
        String bilirubin = caseWith(new Object[] {"ALT", 60, 40}, new Object[] {"TOTAL_BILIRUBIN", 3, 1});
        String normal = caseWith(new Object[] {"ALT", 30, 40}, new Object[] {"TOTAL_BILIRUBIN", 2, 1});
        String noUln = caseWith(new Object[] {"ALT", 900, null}, new Object[] {"TOTAL_BILIRUBIN", 5, 1});
        String noBilirubin = caseWith(new Object[] {"ALT", 900, 40});

        Map<String, Object> h = row(hy);
        assertPeaks(h, "12", "3", "POTENTIAL_HYS_LAW");
        assertThat(number(h.get("alpXUln"))).isEqualByComparingTo("1.5");
        assertThat(h).containsEntry("astXUln", null).containsEntry("hysLaw", true);
        assertPeaks(row(temple), "5", "1", "TEMPLE_CORNER");
        assertPeaks(row(bilirubin), "1.5", "3", "HYPERBILIRUBINAEMIA");
        // on the lines: ALT below 3, bilirubin exactly 2 (the line is "above 2")
        assertPeaks(row(normal), "0.75", "2", "NORMAL_RANGE");
        assertThat(row(noUln)).as("an ALT without ULN cannot be placed").isNull();
        assertThat(row(noBilirubin)).isNull();

        // a nullified case leaves the plot
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"REPORTED_IN_ERROR\", \"comment\": \"entered twice\"}")
                .post("/api/v1/reports/" + temple + "/nullification")
                .then()
                .statusCode(200);
        assertThat(row(temple)).isNull();
        given().header("Authorization", Tokens.bearer(REVIEWER))
                .queryParam("size", 1)
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(200)
                .body("size", equalTo(1))
                .body("meta.altLine", equalTo(3))
                .body("meta.bilirubinLine", equalTo(2))
                .body("meta.caution", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void researchersAndReportersAreRefusedAndBadPagingIsA400() {
        given().header("Authorization", Tokens.bearer(Tokens.of("liver.researcher@test", "RESEARCHER")))
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(REPORTER))
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(403);
        given().get("/api/v1/stats/liver-peaks").then().statusCode(401);
        given().header("Authorization", Tokens.bearer(REVIEWER))
                .queryParam("size", 1001)
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("size"));
        given().header("Authorization", Tokens.bearer(REVIEWER))
                .queryParam("substance", "KRATOM")
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("substance"));
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .get("/api/v1/stats/liver-peaks")
                .then()
                .statusCode(200);
    }
}
