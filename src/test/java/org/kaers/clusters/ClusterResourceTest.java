package org.kaers.clusters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

@QuarkusTest
class ClusterResourceTest {

    private static ObjectNode exposure(String product, String vendor, String lot, String onset, boolean serious) {
        ObjectNode r = CaseReports.minimal();
        ObjectNode p = CaseReports.product(r, 0).put("name", product).put("vendor", vendor);
        if (lot != null) {
            p.put("lotNumber", lot);
        }
        CaseReports.reaction(r, 0).put("onsetDate", onset);
        if (serious) {
            r.putArray("seriousnessCriteria").add("HOSPITALIZATION");
        }
        return r;
    }

    @Test
    void seriousCasesSharingALotInTheWindowAndAProductWeekAboveItsLimit() {
        String t = CaseReports.uniqueToken();
        String product = "cluster tablets " + t;
        String vendor = "Vendor " + t;
        String a = CaseReports.submit(exposure(product, vendor, "LOT 7L-" + t, "2025-06-18", true));
        String b = CaseReports.submit(exposure(product, vendor, "7l" + t, "2025-06-19", true));
        String c = CaseReports.submit(exposure(product, vendor, "7L-" + t, "2025-06-20", true));
        CaseReports.submit(
                exposure(product, vendor, "7L-" + t, "2025-06-19", false)); // not serious: not in the lot cluster
        CaseReports.submit(exposure(product, vendor, "7L-" + t, "2025-04-01", true)); // before the window
        CaseReports.submit(
                exposure(product, vendor, null, "2025-05-10", false)); // baseline week 5 (41 days before asOf)

        List<Map<String, Object>> alerts = given().queryParam("asOf", "2025-06-20")
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Object> lot = find(alerts, "LOT", "7L" + t.toUpperCase());
        assertThat(lot)
                .containsEntry("from", "2025-05-22")
                .containsEntry("to", "2025-06-20")
                .containsEntry("cases", 3);
        assertThat(lot.get("caseNumbers")).isEqualTo(List.of(a, b, c));
        assertThat(find(alerts, "VENDOR", "vendor" + t)).containsEntry("cases", 3);
        // the week 14-20 June: 4 cases of the product; baseline (8 weeks before a 1-week guard): 1 case in one
        // week, mean 0.125, sd 0.354 floored to 0.5, limit 0.125 + 3 x 0.5 = 1.625 < 4
        Map<String, Object> week = alerts.stream()
                .filter(x -> "PRODUCT_WEEK".equals(x.get("kind")) && ((List<?>) x.get("caseNumbers")).contains(a))
                .findFirst()
                .orElseThrow();
        assertThat(week)
                .containsEntry("cases", 4)
                .containsEntry("from", "2025-06-14")
                .containsEntry("baselineMean", 0.125f)
                .containsEntry("limit", 1.625f);

        List<Map<String, Object>> stricter = given().queryParam("asOf", "2025-06-20")
                .queryParam("minCases", 4)
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(stricter).noneMatch(x -> ("7L" + t.toUpperCase()).equals(x.get("key")));
        List<Map<String, Object>> narrow = given().queryParam("asOf", "2025-06-20")
                .queryParam("windowDays", 2)
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(narrow).noneMatch(x -> ("7L" + t.toUpperCase()).equals(x.get("key")));
    }

    @Test
    void badParametersAndAccess() {
        given().queryParam("windowDays", 0)
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("windowDays"));
        given().queryParam("minCases", 1)
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("minCases"));
        given().queryParam("asOf", "2025-02-30")
                .get("/api/v1/clusters")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("asOf"));
        given().queryParam("colour", "red").get("/api/v1/clusters").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.of("cluster-researcher@test", "RESEARCHER")))
                .get("/api/v1/clusters")
                .then()
                .statusCode(403);
    }

    private static Map<String, Object> find(List<Map<String, Object>> alerts, String kind, String key) {
        return alerts.stream()
                .filter(x -> kind.equals(x.get("kind")) && key.equals(x.get("key")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " alert for " + key + " in " + alerts));
    }
}
