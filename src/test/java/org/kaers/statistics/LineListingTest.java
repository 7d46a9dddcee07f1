package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

/** The de-identified line listing: latest versions only, nothing that identifies a person or a case. */
@QuarkusTest
class LineListingTest {

    @Test
    @SuppressWarnings("unchecked")
    void oneRowPerCountedCaseWithoutIdentifyingFields() {
        String token = CaseReports.uniqueToken();
        String product = "Listing kratom " + token;
        ObjectNode full = CaseReports.liverInjury();
        CaseReports.product(full, 0).put("name", product);
        full.put("narrative", "Narrative " + token);
        String first = CaseReports.submit(full);
        String second = CaseReports.submit(CaseReports.withProduct(product));
        String third = CaseReports.submit(CaseReports.withProduct(product));
        ObjectNode followUp = CaseReports.withProduct(product);
        followUp.with("patient").put("sex", "FEMALE");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .post("/api/v1/reports/" + second + "/follow-ups")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + third + "/nullification")
                .then()
                .statusCode(200);
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        String productId = given().queryParam("name", product)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();

        // Researchers do not get the listing (statistics.disclosure: a row per case is what attacks need).
        given().header("Authorization", Tokens.bearer(Tokens.of("res@test", "RESEARCHER")))
                .queryParam("product", productId)
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        String body = given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .queryParam("product", productId)
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(2))
                .extract()
                .asString();
        List<Map<String, Object>> rows =
                io.restassured.path.json.JsonPath.from(body).getList("items");
        assertThat(rows).extracting(r -> r.get("sex")).containsExactly("MALE", "FEMALE");
        Map<String, Object> liver = rows.get(0);
        assertThat(liver.get("serious")).isEqualTo(true);
        assertThat((List<Object>) liver.get("criteria")).contains("HOSPITALIZATION");
        assertThat(liver.get("ageGroup")).isEqualTo("ADULT");
        assertThat(liver.get("onsetMonth")).isEqualTo("2026-02");
        assertThat(liver.get("country")).isEqualTo("US");
        assertThat((List<Object>) liver.get("substances")).contains("KRATOM", "ALCOHOL");
        assertThat((List<Object>) liver.get("symptoms")).isNotEmpty();
        // Nothing that identifies: no case numbers, initials, contact, organisation, narrative, verbatims,
        // reported names, exact dates or ages.
        for (String forbidden : List.of(
                first,
                second,
                third,
                "\"JD\"",
                "555 0100",
                "County General",
                "Narrative",
                "yellow skin",
                product,
                "2026-02-14",
                "\"34\"",
                "caseNumber",
                "initials",
                "narrative")) {
            assertThat(body).as(forbidden).doesNotContain(forbidden);
        }
        // Nor does any other researcher output: counts by every dimension, trends, summary, signals.
        StringBuilder outputs = new StringBuilder();
        for (Dimension d : Dimension.values()) {
            outputs.append(asReviewer()
                    .queryParam("by", d.code())
                    .queryParam("product", productId)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        }
        outputs.append(asReviewer()
                .queryParam("product", productId)
                .get("/api/v1/stats/trends")
                .asString());
        outputs.append(asReviewer()
                .queryParam("product", productId)
                .get("/api/v1/stats/summary")
                .asString());
        outputs.append(asReviewer()
                .queryParam("product", productId)
                .get("/api/v1/signals")
                .asString());
        for (String confidential :
                List.of("\"JD\"", "555 0100", "County General", "Narrative " + token, first, second)) {
            assertThat(outputs.toString()).as(confidential).doesNotContain(confidential);
        }
    }

    /** A poison-centre case: exposure, care with treatments, NPDS outcome. */
    private static ObjectNode poisonCentreCase(
            String product, String reason, String careLevel, String outcome, String... treatments) {
        ObjectNode r = CaseReports.withProduct(product);
        r.putObject("exposure")
                .put("reason", reason)
                .put("chronicity", "ACUTE_ON_CHRONIC")
                .put("site", "OWN_RESIDENCE");
        ObjectNode care = r.putObject("care").put("level", careLevel).put("medicalOutcome", outcome);
        var list = care.putArray("treatments");
        for (String t : treatments) {
            list.addObject().put("code", t);
        }
        return r;
    }

    @Test
    @SuppressWarnings("unchecked")
    void poisonCentreColumnsAndFilters() {
        String product = "Listing pc kratom " + CaseReports.uniqueToken();
        String abuse = CaseReports.submit(poisonCentreCase(
                product, "INTENTIONAL_ABUSE", "TREATED_AND_RELEASED", "MODERATE", "NALOXONE", "OXYGEN"));
        CaseReports.submit(poisonCentreCase(product, "UNINTENTIONAL_GENERAL", "TREATED_AT_HOME", "MINOR"));
        CaseReports.submit(CaseReports.withProduct(product)); // no poison-centre fields at all
        given().contentType(ContentType.JSON)
                .body("{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"PROBABLE\"}")
                .post("/api/v1/reports/" + abuse + "/causality")
                .then()
                .statusCode(201);
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        String productId = given().queryParam("name", product)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();

        List<Map<String, Object>> rows = asReviewer()
                .queryParam("product", productId)
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(3))
                .extract()
                .jsonPath()
                .getList("items");
        Map<String, Object> first = rows.get(0);
        assertThat(first)
                .containsEntry("exposureReason", "INTENTIONAL_ABUSE")
                .containsEntry("exposureChronicity", "ACUTE_ON_CHRONIC")
                .containsEntry("exposureSite", "OWN_RESIDENCE")
                .containsEntry("careLevel", "TREATED_AND_RELEASED")
                .containsEntry("medicalOutcome", "MODERATE")
                .containsEntry("treatments", List.of("NALOXONE", "OXYGEN"))
                .containsEntry("causality", "PROBABLE_OR_BETTER");
        assertThat(rows.get(1))
                .containsEntry("exposureReason", "UNINTENTIONAL_GENERAL")
                .containsEntry("treatments", List.of())
                .containsEntry("causality", null);
        // a case without the fields: present as nulls (the columns are always there)
        assertThat(rows.get(2))
                .containsEntry("exposureReason", null)
                .containsEntry("careLevel", null)
                .containsEntry("medicalOutcome", null)
                .containsEntry("treatments", List.of());

        listed(productId, "treatment", "NALOXONE", 1);
        listed(productId, "treatment", "CPR,OXYGEN", 1);
        listed(productId, "treatment", "CPR", 0);
        listed(productId, "careLevel", "TREATED_AT_HOME,TREATED_AND_RELEASED", 2);
        listed(productId, "medicalOutcome", "MINOR", 1);
        listed(productId, "exposureReason", "INTENTIONAL_ABUSE", 1);
        listed(productId, "exposureChronicity", "ACUTE_ON_CHRONIC", 2);
        listed(productId, "exposureSite", "OWN_RESIDENCE", 2);
        listed(productId, "causality", "PROBABLE_OR_BETTER", 1);

        asReviewer()
                .queryParam("treatment", "NALOXONE,LEECHES")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("treatment"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("NALOXONE, BENZODIAZEPINE"));
        asReviewer()
                .queryParam("careLevel", "ICU")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("careLevel"));
        asReviewer()
                .queryParam("causality", "POSSIBLE")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("causality"));
    }

    private static void listed(String productId, String filter, String value, int expected) {
        asReviewer()
                .queryParam("product", productId)
                .queryParam(filter, value)
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(expected))
                .body("items.size()", equalTo(expected));
    }

    @Test
    void onlyTheListedFilters() {
        given().queryParam("productName", "x")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("productName"));
        given().queryParam("sex", "WOMAN")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("sex"));
        given().queryParam("size", 101).get("/api/v1/stats/line-listing").then().statusCode(400);
    }

    private static io.restassured.specification.RequestSpecification asReviewer() {
        return given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")));
    }
}
