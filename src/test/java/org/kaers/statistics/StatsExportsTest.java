package org.kaers.statistics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

/**
 * CSV and NDJSON of every statistics answer: the same numbers as the JSON answer, every row and the
 * KAERS-Data-Version header carrying the same data version, and the whole line listing streamed for reviewers.
 */
@QuarkusTest
class StatsExportsTest {

    private static String product;
    private static long productId;

    @BeforeEach
    void cases() {
        if (product != null) {
            return;
        }
        product = "exportia " + CaseReports.uniqueToken();
        String first = null;
        for (int i = 0; i < 7; i++) {
            ObjectNode report = CaseReports.withProduct(product);
            ((ObjectNode) report.get("patient")).put("sex", i < 4 ? "FEMALE" : "MALE");
            CaseReports.reaction(report, 0).put("onsetDate", "2026-0" + (1 + i % 3) + "-10");
            String n = CaseReports.submit(report);
            first = first == null ? n : first;
        }
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        productId = ((Number) given().get("/api/v1/reports/" + first)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("derived.products[0].coding.productId"))
                .longValue();
    }

    @Test
    void countsAsCsvAndNdjsonAreTheJsonCountsStampedWithTheDataVersion() {
        JsonPath json = given().queryParam("by", "sex")
                .queryParam("product", productId)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(json.getList("results.count", Integer.class)).containsExactly(4, 3);
        ExtractableResponse<Response> csv =
                export("text/csv", "/api/v1/stats/counts", Map.of("by", "sex", "product", productId));
        String version = csv.header("KAERS-Data-Version");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"counts-v" + version + ".csv\"");
        assertThat(csv.asString())
                .isEqualTo("sex,sex_label,count,suppressed,data_version\nFEMALE,,4,false," + version
                        + "\nMALE,,3,false," + version + "\n");
        ExtractableResponse<Response> nd =
                export("application/x-ndjson", "/api/v1/stats/counts", Map.of("by", "sex", "product", productId));
        assertThat(nd.header("KAERS-Data-Version")).isEqualTo(version);
        List<JsonNode> lines = ndjson(nd.asString());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).toString())
                .isEqualTo("{\"sex\":\"FEMALE\",\"sex_label\":null,\"count\":4,"
                        + "\"suppressed\":false,\"dataVersion\":" + version + "}");
    }

    @Test
    void trendsAndSummariesExportTheirSeriesAndSections() {
        ExtractableResponse<Response> trend =
                export("text/csv", "/api/v1/stats/trends", Map.of("date", "onset", "product", productId));
        String v = trend.header("KAERS-Data-Version");
        assertThat(trend.asString())
                .isEqualTo("interval,date,period,start,count,suppressed,data_version\n"
                        + "MONTH,onset,2026-01,2026-01-01,3,false," + v + "\nMONTH,onset,2026-02,2026-02-01,2,false,"
                        + v + "\n"
                        + "MONTH,onset,2026-03,2026-03-01,2,false," + v + "\nMONTH,onset,missing,,0,false," + v + "\n"
                        + "MONTH,onset,total,,7,false," + v + "\n");
        List<JsonNode> summary =
                ndjson(export("application/x-ndjson", "/api/v1/stats/summary", Map.of("product", productId))
                        .asString());
        assertThat(summary.get(0).toString())
                .startsWith("{\"section\":\"cases\",\"key\":\"total\",\"label\":null,\"count\":7,");
        assertThat(summary)
                .filteredOn(n -> n.get("section").asText().equals("sexes"))
                .extracting(n -> n.get("key").asText() + "=" + n.get("count").asText())
                .containsExactly("FEMALE=4", "MALE=3", "missing=0");
    }

    @Test
    void theWholeLineListingStreamsForReviewersAndStaysClosedToResearchers() {
        ExtractableResponse<Response> csv =
                export("text/csv", "/api/v1/stats/line-listing", Map.of("product", productId));
        String v = csv.header("KAERS-Data-Version");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("row,receivedMonth,onsetMonth,products,substances,productForms,symptoms,"
                        + "symptomNames,organClasses,serious,criteria,outcomes,ageGroup,sex,country,source,exposureReason,"
                        + "exposureChronicity,exposureSite,careLevel,medicalOutcome,treatments,causality,data_version");
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(1, 8))
                .allSatisfy(l -> assertThat(l)
                        .startsWith(String.valueOf(lines.indexOf(l)) + ",")
                        .contains(",DIRECT,")
                        .endsWith("," + v));
        assertThat(lines.stream().filter(l -> l.contains(",FEMALE,"))).hasSize(4);
        List<JsonNode> nd = ndjson(export(
                        "application/x-ndjson",
                        "/api/v1/stats/line-listing",
                        Map.of("product", productId, "sex", "MALE"))
                .asString());
        assertThat(nd)
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.get("products").isArray()).isTrue());
        given().accept("text/csv")
                .queryParam("product", productId)
                .queryParam("page", 0)
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer(Tokens.of("r@test", "RESEARCHER")))
                .accept("text/csv")
                .get("/api/v1/stats/line-listing")
                .then()
                .statusCode(403);
        given().accept("application/xml").get("/api/v1/stats/trends").then().statusCode(406);
    }

    private static ExtractableResponse<Response> export(String type, String path, Map<String, ?> params) {
        return given().accept(type)
                .queryParams(params)
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith(type))
                .extract();
    }

    private static List<JsonNode> ndjson(String body) {
        return body.lines()
                .map(l -> {
                    try {
                        return CaseReports.JSON.readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
    }
}
