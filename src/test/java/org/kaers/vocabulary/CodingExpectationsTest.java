package org.kaers.vocabulary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Feeds the realistic verbatims and product names of src/test/resources/vocabulary through the HTTP
 * coder previews and checks each coded term and substance, including the ones that must not match.
 */
@QuarkusTest
class CodingExpectationsTest {

    @jakarta.inject.Inject
    SubstanceDetector detector;

    @Test
    void reactionVerbatimsAreCodedAsExpected() throws IOException {
        List<CSVRecord> rows = read("vocabulary/verbatim_expectations.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
        List<String> wrong = new ArrayList<>();
        int uncoded = 0;
        for (CSVRecord row : rows) {
            String verbatim = row.get("verbatim");
            String expected = row.get("expected_code").strip();
            JsonPath preview = given().queryParam("text", verbatim)
                    .get("/api/v1/vocabulary/coding-preview")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String actual = preview.getString("term.code");
            if (expected.isEmpty()) {
                uncoded++;
                if (actual != null || !"UNCODED".equals(preview.getString("method"))) {
                    wrong.add("'" + verbatim + "' should stay uncoded but got " + actual);
                }
            } else if (!expected.equals(actual)) {
                wrong.add("'" + verbatim + "' expected " + expected + " but got " + actual + " ("
                        + preview.getString("method") + ", " + preview.getString("term.matchedSynonym") + ")");
            }
        }
        assertThat(uncoded).as("verbatims that must not match").isGreaterThanOrEqualTo(20);
        assertThat(wrong).isEmpty();
    }

    @Test
    void productNamesGetTheirSubstance() throws IOException {
        List<CSVRecord> rows = read("vocabulary/product_expectations.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
        List<String> wrong = new ArrayList<>();
        for (CSVRecord row : rows) {
            String name = row.get("product_name");
            String expected = row.get("expected_substance").strip();
            // A blank name cannot be submitted (400); the detector still has an answer for it.
            String actual = name.isBlank()
                    ? detector.detect(name)
                    : given().queryParam("name", name)
                            .get("/api/v1/products/match")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("substance");
            if (!expected.equals(actual)) {
                wrong.add("'" + name + "' expected " + expected + " but got " + actual);
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static List<CSVRecord> read(String resource) throws IOException {
        try (Reader reader = new InputStreamReader(
                CodingExpectationsTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }
}
