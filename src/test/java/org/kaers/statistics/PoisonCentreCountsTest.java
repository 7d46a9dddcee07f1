package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestRole;
import org.kaers.fixtures.Tokens;

/**
 * The poison-centre fields (exposure reason, chronicity, site, care level, NPDS medical outcome) and causality
 * (at least one current WHO-UMC CERTAIN or PROBABLE assessment) are dimensions; a follow-up or an assessment
 * re-queues its case, so the aggregates recount exactly. Expected counts are computed from the cases below.
 */
@QuarkusTest
@TestRole("ADMIN")
class PoisonCentreCountsTest {

    private static final List<String> DIMENSIONS =
            List.of("exposureReason", "exposureChronicity", "exposureSite", "careLevel", "medicalOutcome");

    @Test
    void poisonCentreFieldsAndCausalityAreDimensions() {
        String verbatim = "pc counts " + CaseReports.uniqueToken();
        // reason, chronicity, site, care level, medical outcome per case; null: not given.
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"INTENTIONAL_ABUSE", "ACUTE", "OWN_RESIDENCE", "TREATED_AT_HOME", "MINOR"},
                new String[] {"INTENTIONAL_ABUSE", "CHRONIC", "OWN_RESIDENCE", "ADMITTED_WARD", "MODERATE"},
                new String[] {"WITHDRAWAL", "CHRONIC", "WORKPLACE", "ADMITTED_WARD", "MODERATE"},
                new String[] {"ADVERSE_REACTION", null, null, "TREATED_AND_RELEASED", null},
                new String[] {null, null, null, null, null}));
        List<String> numbers = new ArrayList<>();
        for (String[] c : cases) {
            numbers.add(given().contentType(ContentType.JSON)
                    .body(report(verbatim, c).toString())
                    .post("/api/v1/reports")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("caseNumber"));
        }
        assess(numbers.get(1), "PROBABLE", null);
        assess(numbers.get(2), "POSSIBLE", null);
        catchUp();
        assertCounts(verbatim, cases);
        assertThat(counts("causality", verbatim)).isEqualTo(Map.of("PROBABLE_OR_BETTER", 1));

        // A follow-up changing the fields recounts the case: the first case becomes a withdrawal, and admitted.
        String[] changed = {"WITHDRAWAL", "CHRONIC", "OWN_RESIDENCE", "ADMITTED_CRITICAL_CARE", "MAJOR"};
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(report(verbatim, changed).toString())
                .post("/api/v1/reports/" + numbers.get(0) + "/follow-ups")
                .then()
                .statusCode(201);
        cases.set(0, changed);
        catchUp();
        assertCounts(verbatim, cases);

        // A reviewer's assessment of the third case as CERTAIN moves causality; a reassessment down moves it back.
        String reviewer = Tokens.bearer(Tokens.of("pc-counts-" + CaseReports.uniqueToken() + "@test", "REVIEWER"));
        assess(numbers.get(2), "CERTAIN", reviewer);
        assertThat(counts("causality", verbatim)).isEqualTo(Map.of("PROBABLE_OR_BETTER", 1));
        catchUp();
        assertThat(counts("causality", verbatim)).isEqualTo(Map.of("PROBABLE_OR_BETTER", 2));
        given().queryParam("by", "careLevel")
                .queryParam("verbatim", verbatim)
                .queryParam("causality", "PROBABLE_OR_BETTER")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .body("results.find { it.keys[0] == 'ADMITTED_WARD' }.count", equalTo(2));
        assess(numbers.get(1), "UNLIKELY", reviewer);
        catchUp();
        assertThat(counts("causality", verbatim)).isEqualTo(Map.of("PROBABLE_OR_BETTER", 1));

        // Bad filter values name the field and list what is allowed.
        given().queryParam("by", "sex")
                .queryParam("exposureReason", "BOREDOM")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("exposureReason"))
                .body("violations[0].message", containsString("INTENTIONAL_ABUSE"));
        given().queryParam("by", "sex")
                .queryParam("causality", "POSSIBLE")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("causality"))
                .body("violations[0].message", containsString("PROBABLE_OR_BETTER"));
        given().queryParam("by", "sex")
                .queryParam("careLevel", "ICU")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("careLevel"))
                .body("violations[0].message", containsString("ADMITTED_CRITICAL_CARE"));
    }

    private static void assertCounts(String verbatim, List<String[]> cases) {
        for (int d = 0; d < DIMENSIONS.size(); d++) {
            Map<String, Integer> expected = new HashMap<>();
            for (String[] c : cases) {
                if (c[d] != null) {
                    expected.merge(c[d], 1, Integer::sum);
                }
            }
            assertThat(counts(DIMENSIONS.get(d), verbatim))
                    .as(DIMENSIONS.get(d))
                    .isEqualTo(expected);
        }
    }

    private static ObjectNode report(String verbatim, String[] c) {
        ObjectNode report = CaseReports.minimal();
        CaseReports.reaction(report, 0).put("verbatim", verbatim);
        ObjectNode exposure = report.objectNode();
        putIf(exposure, "reason", c[0]);
        putIf(exposure, "chronicity", c[1]);
        putIf(exposure, "site", c[2]);
        if (!exposure.isEmpty()) {
            report.set("exposure", exposure);
        }
        ObjectNode care = report.objectNode();
        putIf(care, "level", c[3]);
        putIf(care, "medicalOutcome", c[4]);
        if (!care.isEmpty()) {
            report.set("care", care);
        }
        return report;
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void assess(String caseNumber, String whoUmc, String token) {
        var request = given().contentType(ContentType.JSON);
        if (token != null) {
            request = request.header("Authorization", token);
        }
        request.body("{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"" + whoUmc + "\"}")
                .post("/api/v1/reports/" + caseNumber + "/causality")
                .then()
                .statusCode(201);
    }

    private static void catchUp() {
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
    }

    private static Map<String, Integer> counts(String by, String verbatim) {
        JsonPath body = given().queryParam("by", by)
                .queryParam("verbatim", verbatim)
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
}
