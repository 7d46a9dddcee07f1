package org.kaers.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class CaersImportTest {

    @Inject
    TestDatabase db;

    @Test
    void importsReportsAsCasesAndSaysWhatItLeftOut() throws IOException {
        String prefix = "T" + CaseReports.uniqueToken();
        JsonPath summary = post(sample(prefix)).then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("rows")).isEqualTo(10);
        assertThat(summary.getInt("reports")).isEqualTo(8);
        assertThat(summary.getInt("imported")).isEqualTo(6);
        assertThat(summary.getInt("alreadyPresent")).isZero();
        assertThat(summary.getInt("skipped")).isEqualTo(3);
        assertThat(summary.getInt("dataQualityProblems")).isEqualTo(2);
        assertThat(summary.getString("layout")).isEqualTo("CAERS_2004_2017");
        List<Map<String, Object>> problems = summary.getList("problems");
        assertThat(problems)
                .extracting(p -> p.get("line"), p -> p.get("reportNumber"), p -> p.get("reason"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(9, prefix + "1006", "expected 12 fields, found 11"),
                        org.assertj.core.groups.Tuple.tuple(
                                null, prefix + "1006", "report left out because one of its rows could not be read"),
                        org.assertj.core.groups.Tuple.tuple(6, prefix + "1004", "date '2019-03-14' is not M/D/YYYY"));

        String seizure = given().queryParam("text", "seizure")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .extract()
                .path("term.code");
        given().get("/api/v1/reports/" + caseOf(prefix + "1001"))
                .then()
                .statusCode(200)
                .body("source", equalTo("CAERS"))
                .body("receivedAt", equalTo("2019-03-14T00:00:00Z"))
                .body("report.reporter.qualification", equalTo("UNKNOWN"))
                .body("report.patient.age.value", equalTo(34))
                .body("report.patient.age.unit", equalTo("YEAR"))
                .body("report.patient.sex", equalTo("MALE"))
                .body("report.products.role", contains("SUSPECT", "CONCOMITANT"))
                .body("report.products.name", contains("KRATOM", "ALCOHOL"))
                .body("report.reactions.verbatim", contains("CONVULSION", "VOMITING"))
                .body("report.reactions.onsetDate", contains("2019-03-01", "2019-03-01"))
                .body("report.reactions.outcome", contains("UNKNOWN", "UNKNOWN"))
                .body("report.seriousnessCriteria", contains("HOSPITALIZATION"))
                .body(
                        "report.narrative",
                        equalTo(
                                "Imported from FDA CAERS report " + prefix
                                        + "1001. CAERS outcomes: HOSPITALIZATION, VISITED AN ER. FDA industry: 54 Vit/Min/Prot/Unconv Diet(Human/Animal)."))
                .body("derived.serious", equalTo(true))
                .body("derived.ageGroup", equalTo("ADULT"))
                .body("derived.products.coding.substance", contains("KRATOM", "ALCOHOL"))
                .body("derived.reactions[0].coding.termCode", equalTo(seizure));
        given().get("/api/v1/reports/" + caseOf(prefix + "1002"))
                .then()
                .body("report.reactions.verbatim", contains("DEATH", "CARDIAC ARREST", "HALLUCINATION, VISUAL"))
                .body("report.reactions.outcome", contains("FATAL", "FATAL", "FATAL"))
                .body("report.reactions[0].onsetDate", nullValue())
                .body("report.seriousnessCriteria", contains("DEATH", "LIFE_THREATENING"))
                .body("derived.ageGroup", equalTo("ADULT"))
                .body("derived.products[0].coding.substance", equalTo("KRATOM"))
                .body("derived.reactions[2].coding.method", equalTo("EXACT"));
        given().get("/api/v1/reports/" + caseOf(prefix + "1003"))
                .then()
                .body("report.patient.age", nullValue())
                .body("report.patient.sex", nullValue())
                .body("derived.serious", equalTo(false))
                .body("derived.products[0].coding.substance", equalTo("SEVEN_OH"));
        // A CONCOMITANT-only report is kept as FDA has it; the broken submission rule is listed with the case.
        given().get("/api/v1/reports/" + caseOf(prefix + "1005"))
                .then()
                .statusCode(200)
                .body("report.products.role", contains("CONCOMITANT"))
                .body("derived.dataQuality.field", contains("products"))
                .body(
                        "derived.dataQuality[0].problem",
                        equalTo("at least one product must have role SUSPECT or INTERACTING"));
        // A report with no term (FDA has some) is kept without a reaction; the missing term is a data-quality problem.
        given().get("/api/v1/reports/" + caseOf(prefix + "1007"))
                .then()
                .statusCode(200)
                .body("report.products.name", contains("KRATOM POWDER"))
                .body("report.reactions", org.hamcrest.Matchers.empty())
                .body("derived.dataQuality.field", contains("reactions"))
                .body("derived.dataQuality[0].problem", equalTo(CaersImporter.NO_TERM));
        given().get("/api/v1/reports/" + caseOf(prefix + "1008"))
                .then()
                .body("report.seriousnessCriteria", contains("REQUIRED_INTERVENTION", "OTHER_MEDICALLY_IMPORTANT"))
                .body("report.patient.sex", equalTo("UNKNOWN"))
                .body("derived.ageGroup", equalTo("INFANT"));
    }

    @Test
    void reimportingTheSameFileCreatesNothing() throws IOException {
        String prefix = "R" + CaseReports.uniqueToken();
        post(sample(prefix)).then().statusCode(200).body("imported", equalTo(6));
        var before = db.rowCounts();
        post(sample(prefix))
                .then()
                .statusCode(200)
                .body("imported", equalTo(0))
                .body("alreadyPresent", equalTo(6))
                .body("skipped", equalTo(3));
        assertThat(db.rowCounts()).isEqualTo(before);
        assertThat(db.count("select count(*) from case_report where source = 'CAERS' and external_id like '" + prefix
                        + "%'"))
                .isEqualTo(6);
    }

    @Test
    void submissionsAndImportsInterleaveWithoutIdCollisions() throws IOException {
        // Submissions take ids through the ORM's optimizer, imports in blocks of their own (ImportRows): a case
        // submitted, an import, a case submitted again, and the import's rows all read back.
        CaseReports.submit(CaseReports.minimal());
        String prefix = "I" + CaseReports.uniqueToken();
        post(sample(prefix)).then().statusCode(200).body("imported", equalTo(6));
        String second = CaseReports.submit(CaseReports.minimal());
        given().get("/api/v1/reports/" + second)
                .then()
                .statusCode(200)
                .body("report.reactions", org.hamcrest.Matchers.hasSize(1));
        given().get("/api/v1/reports/" + caseOf(prefix + "1002"))
                .then()
                .statusCode(200)
                .body("report.reactions.verbatim", contains("DEATH", "CARDIAC ARREST", "HALLUCINATION, VISUAL"));
        assertThat(db.count("select count(*) from case_reaction r join case_version v on v.id = r.case_version_id"
                        + " join case_report c on c.id = v.case_id where c.external_id like '" + prefix + "%'"))
                .isEqualTo(9);
    }

    @Test
    void notACaersFileIs400AndStoresNothing() {
        var before = db.rowCounts();
        post("name,age\nx,3\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", org.hamcrest.Matchers.startsWith("the header lacks the CAERS columns"));
        given().contentType("application/json")
                .body("{}")
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(415);
        assertThat(db.rowCounts()).isEqualTo(before);
        given().queryParam("source", "CAERS")
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("items.source", org.hamcrest.Matchers.everyItem(equalTo("CAERS")));
    }

    private String caseOf(String reportNumber) {
        return db.string(
                "select case_number from case_report where source = 'CAERS' and external_id = '" + reportNumber + "'");
    }

    private static String sample(String prefix) throws IOException {
        try (InputStream in = CaersImportTest.class.getClassLoader().getResourceAsStream("caers/sample.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{P}", prefix);
        }
    }

    private static io.restassured.response.Response post(String csv) {
        return given().contentType("text/csv").body(csv).post("/api/v1/imports/caers");
    }
}
