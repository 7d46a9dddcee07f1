package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(followUp.toString())
                .post("/api/v1/reports/" + second + "/follow-ups").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + third + "/nullification").then().statusCode(200);
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        String productId = given().queryParam("name", product).get("/api/v1/products/match").then().statusCode(200)
                .extract().path("product.id").toString();

        // Researchers do not get the listing (statistics.disclosure: a row per case is what attacks need).
        given().header("Authorization", Tokens.bearer(Tokens.of("res@test", "RESEARCHER")))
                .queryParam("product", productId).get("/api/v1/stats/line-listing").then().statusCode(403)
                .contentType("application/problem+json");
        String body = given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .queryParam("product", productId).get("/api/v1/stats/line-listing").then().statusCode(200)
                .body("totalItems", equalTo(2)).extract().asString();
        List<Map<String, Object>> rows = io.restassured.path.json.JsonPath.from(body).getList("items");
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
        for (String forbidden : List.of(first, second, third, "\"JD\"", "555 0100", "County General", "Narrative",
                "yellow skin", product, "2026-02-14", "\"34\"", "caseNumber", "initials", "narrative")) {
            assertThat(body).as(forbidden).doesNotContain(forbidden);
        }
        // Nor does any other researcher output: counts by every dimension, trends, summary, signals.
        StringBuilder outputs = new StringBuilder();
        for (Dimension d : Dimension.values()) {
            outputs.append(asReviewer().queryParam("by", d.code()).queryParam("product", productId)
                    .get("/api/v1/stats/counts").then().statusCode(200).extract().asString());
        }
        outputs.append(asReviewer().queryParam("product", productId).get("/api/v1/stats/trends").asString());
        outputs.append(asReviewer().queryParam("product", productId).get("/api/v1/stats/summary").asString());
        outputs.append(asReviewer().queryParam("product", productId).get("/api/v1/signals").asString());
        for (String confidential : List.of("\"JD\"", "555 0100", "County General", "Narrative " + token, first, second)) {
            assertThat(outputs.toString()).as(confidential).doesNotContain(confidential);
        }
    }

    @Test
    void onlyTheListedFilters() {
        given().queryParam("productName", "x").get("/api/v1/stats/line-listing").then().statusCode(400)
                .body("violations[0].field", equalTo("productName"));
        given().queryParam("sex", "WOMAN").get("/api/v1/stats/line-listing").then().statusCode(400)
                .body("violations[0].field", equalTo("sex"));
        given().queryParam("size", 101).get("/api/v1/stats/line-listing").then().statusCode(400);
    }

    private static io.restassured.specification.RequestSpecification asReviewer() {
        return given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")));
    }

}
