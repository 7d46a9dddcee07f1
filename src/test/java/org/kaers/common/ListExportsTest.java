package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

/**
 * Whole exports of the list endpoints and of counts (common/SnapshotExports): for each, the NDJSON rows are the JSON
 * pages' items (all pages, in order) plus the data version, the CSV has their fields as columns and one line per
 * item, the KAERS-Data-Version header and the file name carry the stamp of every row, page and size are a 400, and
 * each endpoint keeps its role rules.
 */
@QuarkusTest
class ListExportsTest {

    private static String token;
    private static String product;
    private static String reporter;

    @BeforeEach
    void cases() {
        if (token != null) {
            return;
        }
        token = CaseReports.uniqueToken();
        product = "listexport " + token;
        reporter = "list-" + token + "@test";
        for (int i = 0; i < 3; i++) {
            ObjectNode r = CaseReports.withProduct(product);
            CaseReports.product(r, 0).put("vendor", "Vendor " + token).put("lotNumber", "LE" + token.toUpperCase());
            CaseReports.reaction(r, 0).put("onsetDate", "2024-03-1" + i);
            r.putArray("seriousnessCriteria").add("HOSPITALIZATION");
            CaseReports.submit(r, i == 0 ? Tokens.of(reporter, "REPORTER") : Tokens.ADMIN);
        }
        given().post("/api/v1/duplicates/screening/catch-up").then().statusCode(200);
        given().queryParam("asOf", "2024-03-12")
                .post("/api/v1/clusters/alerts/scan")
                .then()
                .statusCode(200);
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
    }

    @Test
    void theCaseListExportsEveryPageAndAReporterOnlyTheirOwnCases() {
        assertWholeList("/api/v1/reports", Map.of("product", product), "reports", 3);
        String asReporter = Tokens.bearer(Tokens.of(reporter, "REPORTER"));
        List<JsonNode> own = ndjson(given().header("Authorization", asReporter)
                .accept(Exports.NDJSON)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("suspectProducts").get(0).asText()).isEqualTo(product);
        given().header("Authorization", Tokens.bearer(Tokens.of("r@test", "RESEARCHER")))
                .accept("text/csv")
                .get("/api/v1/reports")
                .then()
                .statusCode(403);
    }

    @Test
    void productsDuplicatesAndClusterAlertsExportEveryPage() {
        assertWholeList("/api/v1/products", Map.of("q", product), "products", 1);
        assertWholeList("/api/v1/duplicates", Map.of(), "duplicates", -1);
        assertWholeList("/api/v1/clusters/alerts", Map.of("key", "le" + token), "cluster-alerts", 1);
        given().header("Authorization", Tokens.bearer(Tokens.of("r@test", "RESEARCHER")))
                .accept("text/csv")
                .get("/api/v1/duplicates")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.of("r@test", "RESEARCHER")))
                .accept("text/csv")
                .get("/api/v1/clusters/alerts")
                .then()
                .statusCode(403);
    }

    @Test
    void theAuditLogExportsMoreThanOnePageForAdministratorsOnly() {
        String actor = "audited-" + token + "@test";
        String asActor = Tokens.bearer(Tokens.of(actor, "REVIEWER"));
        for (int i = 0; i < PageRequest.MAX_SIZE + 5; i++) {
            given().header("Authorization", asActor)
                    .get("/api/v1/reports/KAE-1999-" + (100000 + i))
                    .then()
                    .statusCode(404);
        }
        assertWholeList("/api/v1/audit", Map.of("actor", actor), "audit", PageRequest.MAX_SIZE + 5);
        given().header("Authorization", asActor)
                .accept("text/csv")
                .get("/api/v1/audit")
                .then()
                .statusCode(403);
    }

    @Test
    void countsExportEveryGroupAsReleasedToTheCaller() {
        List<JsonNode> json = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = read(given().queryParam("by", "product")
                    .queryParam("page", page)
                    .queryParam("size", 1000)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            body.get("results").forEach(json::add);
            if (body.get("results").size() < 1000) {
                break;
            }
        }
        ExtractableResponse<Response> nd = export(Exports.NDJSON, "/api/v1/stats/counts", Map.of("by", "product"));
        String version = nd.header(Exports.DATA_VERSION);
        List<JsonNode> rows = ndjson(nd.asString());
        assertThat(rows)
                .hasSize(json.size())
                .allSatisfy(r -> assertThat(r.get("dataVersion").asText()).isEqualTo(version));
        for (int i = 0; i < json.size(); i++) {
            assertThat(rows.get(i).get("product").asText())
                    .isEqualTo(json.get(i).get("keys").get(0).asText());
            assertThat(rows.get(i).get("count").asLong())
                    .isEqualTo(json.get(i).get("count").asLong());
        }

        // a researcher's whole cross comes from the release, released exactly as the JSON pages
        given().post("/api/v1/stats/releases").then().statusCode(201);
        String asResearcher = Tokens.bearer(Tokens.of("r@test", "RESEARCHER"));
        JsonNode page = read(given().header("Authorization", asResearcher)
                .queryParam("by", "substance,sex")
                .queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        ExtractableResponse<Response> csv = given().header("Authorization", asResearcher)
                .accept("text/csv")
                .queryParam("by", "substance,sex")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract();
        assertThat(csv.header(Exports.DATA_VERSION))
                .isEqualTo(page.get("meta").get("release").get("dataVersion").asText());
        List<CSVRecord> lines = csv(csv.asString());
        assertThat(lines).hasSize(page.get("results").size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode g = page.get("results").get(i);
            assertThat(lines.get(i).get("substance") + "," + lines.get(i).get("sex") + ","
                            + lines.get(i).get("count"))
                    .isEqualTo(g.get("keys").get(0).asText() + ","
                            + g.get("keys").get(1).asText() + ","
                            + g.get("count").asText());
        }
        given().accept("text/csv")
                .queryParam("by", "sex")
                .queryParam("serious", "maybe")
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /**
     * The NDJSON rows equal the JSON items of every page (minus the stamp), the CSV has one line per item with the
     * items' fields as columns, both stamped in header, file name and every row; a page parameter is a 400.
     */
    private static void assertWholeList(String path, Map<String, ?> params, String name, int expected) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = read(given().queryParams(params)
                    .queryParam("page", page)
                    .queryParam("size", PageRequest.MAX_SIZE)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            body.get("items").forEach(items::add);
            if (page + 1 >= body.get("totalPages").asInt()) {
                break;
            }
        }
        if (expected >= 0) {
            assertThat(items).hasSize(expected);
        } else {
            assertThat(items).isNotEmpty();
        }
        ExtractableResponse<Response> nd = export(Exports.NDJSON, path, params);
        String version = nd.header(Exports.DATA_VERSION);
        assertThat(nd.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + name + "-v" + version + ".ndjson\"");
        List<JsonNode> rows = ndjson(nd.asString());
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.get("dataVersion").asText()).isEqualTo(version));
        rows.forEach(r -> ((ObjectNode) r).remove("dataVersion"));
        assertThat(rows).isEqualTo(items);

        ExtractableResponse<Response> csv = export("text/csv", path, params);
        assertThat(csv.header(Exports.DATA_VERSION)).isEqualTo(version);
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + name + "-v" + version + ".csv\"");
        // columns: every field of the items (absent in JSON when empty), then the stamp
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        items.forEach(i -> i.fieldNames().forEachRemaining(fields::add));
        List<String> header =
                List.of(csv.asString().lines().findFirst().orElseThrow().split(","));
        assertThat(header).containsAll(fields).endsWith("data_version").doesNotHaveDuplicates();
        List<CSVRecord> lines = csv(csv.asString());
        assertThat(lines).hasSize(items.size());
        String first = fields.iterator().next();
        assertThat(header.get(0)).isEqualTo(first);
        assertThat(lines.stream().map(l -> l.get(first)).toList())
                .isEqualTo(items.stream().map(i -> i.get(first).asText()).toList());
        assertThat(lines).allSatisfy(l -> assertThat(l.get("data_version")).isEqualTo(version));

        given().accept("text/csv")
                .queryParams(params)
                .queryParam("page", 1)
                .get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
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

    private static JsonNode read(String json) {
        try {
            return CaseReports.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private static List<JsonNode> ndjson(String body) {
        return body.lines().map(ListExportsTest::read).toList();
    }

    private static List<CSVRecord> csv(String body) {
        try {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(body))
                    .getRecords();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
