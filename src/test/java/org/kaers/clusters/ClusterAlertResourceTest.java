package org.kaers.clusters;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

/** Stored cluster alerts over HTTP: raised by a scan, grown while open, acknowledged and dismissed with reasons, audited. */
@QuarkusTest
class ClusterAlertResourceTest {

    private static String seriousCase(String product, String vendor, String lot, String onset) {
        ObjectNode r = CaseReports.minimal();
        CaseReports.product(r, 0).put("name", product).put("vendor", vendor).put("lotNumber", lot);
        CaseReports.reaction(r, 0).put("onsetDate", onset);
        r.putArray("seriousnessCriteria").add("HOSPITALIZATION");
        return CaseReports.submit(r);
    }

    @Test
    void aLotClusterIsStoredGrowsWhileOpenAndIsDecidedWithReasons() {
        String t = CaseReports.uniqueToken();
        String lot = "7L" + t.toUpperCase();
        String product = "alert tablets " + t;
        String vendor = "Alert vendor " + t;
        String a = seriousCase(product, vendor, "LOT 7L-" + t, "2024-06-18");
        String b = seriousCase(product, vendor, "7l" + t, "2024-06-19");
        String c = seriousCase(product, vendor, "7L-" + t, "2024-06-20");

        Response first = scan("2024-06-20");
        first.then().statusCode(200).body("asOf", equalTo("2024-06-20"));
        assertThat(first.jsonPath().getInt("raised")).isGreaterThanOrEqualTo(2); // the lot and the vendor at least
        Response listed = lotAlerts(lot, null);
        listed.then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].cases", equalTo(3))
                .body("items[0].from", equalTo("2024-05-22"))
                .body("items[0].to", equalTo("2024-06-20"))
                .body("items[0].caseNumbers", contains(a, b, c))
                .body("items[0].acknowledged", nullValue())
                .body("items[0].previousId", nullValue());
        int id = listed.path("items[0].id");
        assertThat(first.jsonPath().getList("alertIds", Integer.class)).contains(id);

        // the same scan again stores nothing new
        scan("2024-06-20").then().statusCode(200).body("raised", equalTo(0)).body("updated", equalTo(0));
        lotAlerts(lot, null).then().body("totalItems", equalTo(1));

        // a fourth case two days later: the open alert grows (window and cases)
        String d = seriousCase(product, vendor, "7L-" + t, "2024-06-22");
        scan("2024-06-22").then().statusCode(200).body("alertIds", hasItem(id));
        given().get("/api/v1/clusters/alerts/" + id)
                .then()
                .statusCode(200)
                .body("cases", equalTo(4))
                .body("caseNumbers", contains(a, b, c, d))
                .body("from", equalTo("2024-05-22"))
                .body("to", equalTo("2024-06-22"))
                .body("status", equalTo("OPEN"));

        // acknowledged by a reviewer, with a reason (required), audited
        String reviewer = "alerts-" + t + "@test";
        String asReviewer = Tokens.bearer(Tokens.of(reviewer, "REVIEWER"));
        decide(asReviewer, id, "acknowledge", "{}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("reason"));
        decide(asReviewer, id, "acknowledge", "{\"reason\": \"   \"}")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        decide(asReviewer, id, "acknowledge", null)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("reason"));
        decide(asReviewer, id, "acknowledge", "{\"reason\": \"" + "x".repeat(2001) + "\"}")
                .then()
                .statusCode(400);
        decide(asReviewer, id, "acknowledge", "{\"reason\": \"Lot recalled; FDA notified.\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledged.by", equalTo(reviewer))
                .body("acknowledged.reason", equalTo("Lot recalled; FDA notified."))
                .body("dismissed", nullValue());
        decide(asReviewer, id, "acknowledge", "{\"reason\": \"again\"}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().queryParam("actor", reviewer)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items.resource", hasItem("/api/v1/clusters/alerts/" + id + "/acknowledge"))
                .body("items.status", hasItem(200));

        // after the decision the rule keeps firing: nothing changes until a new case arrives, which raises a new alert
        scan("2024-06-22").then().body("raised", equalTo(0)).body("updated", equalTo(0));
        String e = seriousCase(product, vendor, "7L" + t, "2024-06-24");
        scan("2024-06-24").then().statusCode(200);
        Response both = lotAlerts(lot, null);
        both.then()
                .body("totalItems", equalTo(2))
                .body("items[0].previousId", equalTo(id))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].caseNumbers", contains(a, b, c, d, e))
                .body("items[1].id", equalTo(id))
                .body("items[1].cases", equalTo(4))
                .body("items[1].status", equalTo("ACKNOWLEDGED"));
        int next = both.path("items[0].id");

        decide(asReviewer, next, "dismiss", "{\"reason\": \"Same cluster as the acknowledged alert.\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("DISMISSED"))
                .body("dismissed.by", equalTo(reviewer));
        decide(asReviewer, next, "dismiss", "{\"reason\": \"again\"}").then().statusCode(409);
        decide(asReviewer, next, "acknowledge", "{\"reason\": \"late\"}").then().statusCode(409);
        decide(asReviewer, id, "dismiss", "{\"reason\": \"Recall complete.\"}")
                .then()
                .statusCode(200)
                .body("status", equalTo("DISMISSED"))
                .body("acknowledged.reason", equalTo("Lot recalled; FDA notified."))
                .body("dismissed.reason", equalTo("Recall complete."));

        // filters
        lotAlerts(lot, "DISMISSED").then().body("totalItems", equalTo(2));
        lotAlerts(lot, "OPEN").then().body("totalItems", equalTo(0));
        given().queryParam("caseNumber", e)
                .queryParam("kind", "LOT")
                .get("/api/v1/clusters/alerts")
                .then()
                .body("items.id", contains(next));
        given().queryParam("caseNumber", a)
                .queryParam("kind", "VENDOR")
                .get("/api/v1/clusters/alerts")
                .then()
                .body("items.key", hasItem("alertvendor" + t));
        given().queryParam("key", lot)
                .queryParam("from", "2024-06-23")
                .get("/api/v1/clusters/alerts")
                .then()
                .body("items.id", contains(next));
        given().queryParam("key", lot)
                .queryParam("to", "2024-05-01")
                .get("/api/v1/clusters/alerts")
                .then()
                .body("totalItems", equalTo(0));
    }

    @Test
    void badRequestsAndAccess() {
        given().queryParam("kind", "BRAND")
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("kind"));
        given().queryParam("status", "CLOSED")
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
        given().queryParam("from", "2024-06-02")
                .queryParam("to", "2024-06-01")
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("to"));
        given().queryParam("size", 101).get("/api/v1/clusters/alerts").then().statusCode(400);
        given().queryParam("colour", "red")
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(400);
        given().queryParam("windowDays", 0)
                .post("/api/v1/clusters/alerts/scan")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("windowDays"));
        given().get("/api/v1/clusters/alerts/999999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/clusters/alerts/abc").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"x\"}")
                .post("/api/v1/clusters/alerts/999999999/dismiss")
                .then()
                .statusCode(404);
        String researcher = Tokens.bearer(Tokens.of("alerts-researcher@test", "RESEARCHER"));
        given().header("Authorization", researcher)
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(403);
        given().header("Authorization", researcher)
                .post("/api/v1/clusters/alerts/scan")
                .then()
                .statusCode(403);
    }

    private static Response scan(String asOf) {
        return given().queryParam("asOf", asOf).post("/api/v1/clusters/alerts/scan");
    }

    private static Response lotAlerts(String lot, String status) {
        var request = given().queryParam("kind", "LOT").queryParam("key", lot);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.get("/api/v1/clusters/alerts");
    }

    private static Response decide(String token, int id, String action, String body) {
        var request = given().header("Authorization", token).contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.post("/api/v1/clusters/alerts/" + id + "/" + action);
    }
}
