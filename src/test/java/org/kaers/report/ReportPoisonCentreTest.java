package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.kaers.fixtures.JsonAssertions.assertJsonEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

/** What a poison centre records: stored in every version, read back as sent, validated with 400s naming the field. */
@QuarkusTest
class ReportPoisonCentreTest {

    @Inject
    TestDatabase db;

    /** A withdrawal after two years of daily use: the last dose matters, not the first. */
    static ObjectNode withdrawal(String centreReference) {
        return CaseReports.parse("""
                {
                  "reporter": {"qualification": "PHARMACIST", "country": "US", "organisation": "Regional Poison Center"},
                  "patient": {"age": {"value": 41, "unit": "YEAR"}, "sex": "MALE",
                              "history": ["OPIOID_USE_DISORDER", "PRIOR_KRATOM_USE"]},
                  "products": [
                    {"role": "SUSPECT", "name": "Red Bali kratom powder", "startDate": "2024-09-10",
                     "stopDate": "2026-10-29", "doseAmount": 8, "doseUnit": "GRAM", "dosesPerDay": 4,
                     "actionTaken": "DRUG_WITHDRAWN"}
                  ],
                  "reactions": [
                    {"verbatim": "withdrawal with vomiting and diarrhoea", "onsetDate": "2026-10-31", "outcome": "RECOVERED"}
                  ],
                  "seriousnessCriteria": ["HOSPITALIZATION"],
                  "labs": [{"testCode": "SODIUM", "value": 131, "unit": "mmol/L", "date": "2026-10-31"}],
                  "centreReference": "%s",
                  "exposure": {"reason": "WITHDRAWAL", "chronicity": "CHRONIC", "site": "OWN_RESIDENCE",
                               "exposureAt": "2026-10-29T21:00", "onsetAt": "2026-10-31T09:15",
                               "acuteAmount": {"value": 8, "unit": "GRAM"}},
                  "care": {"level": "ADMITTED_WARD", "daysInHospital": 3, "medicalOutcome": "MODERATE",
                           "treatments": [{"code": "BUPRENORPHINE", "doseAmount": 8, "doseUnit": "MILLIGRAM",
                                           "route": "SUBLINGUAL", "response": "FULL"},
                                          {"code": "IV_FLUIDS"}]},
                  "vitalSigns": {"respiratoryRate": 18, "spo2": 98, "heartRate": 112, "systolicBp": 150,
                                 "diastolicBp": 95, "gcs": 15, "temperatureC": 37.6},
                  "toxicology": [{"analyte": "MITRAGYNINE", "specimen": "URINE", "detected": true, "method": "SCREEN"},
                                 {"analyte": "FENTANYL", "specimen": "URINE", "detected": false, "method": "CONFIRMED"}]
                }""".formatted(centreReference));
    }

    @Test
    void everyFieldIsStoredAndReadBackAsSentWithTheTimeFromTheLastDose() {
        String ref = "RPC-" + CaseReports.uniqueToken();
        ObjectNode sent = withdrawal(ref);
        String caseNumber = given().contentType(ContentType.JSON)
                .body(sent.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("derived.reactions[0].timeToOnsetDays", equalTo(781))
                .body("derived.reactions[0].timeFromLastDoseDays", equalTo(2))
                .body("derived.reactions[0].exposureToOnsetHours", equalTo(36))
                .extract()
                .path("caseNumber");

        JsonNode read = org.kaers.fixtures.JsonAssertions.read(given().get("/api/v1/reports/" + caseNumber)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("report");
        assertJsonEquals(sent, read);
        assertThat(read.at("/exposure/exposureAt").asText()).isEqualTo("2026-10-29T21:00");
        assertThat(db.count("select count(*) from case_version v join case_report c on c.id = v.case_id where "
                        + "c.case_number = '" + caseNumber + "' and v.centre_reference = '" + ref + "' and "
                        + "v.poison_centre -> 'exposure' ->> 'reason' = 'WITHDRAWAL' and "
                        + "v.poison_centre -> 'history' ? 'OPIOID_USE_DISORDER'"))
                .isEqualTo(1);
    }

    @Test
    void theDocumentedPoisonCentreExampleIsValid() {
        given().contentType(ContentType.JSON)
                .body(ReportExamples.POISON_CENTRE_REPORT)
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("report.care.treatments[0].code", equalTo("NALOXONE"))
                .body("report.exposure.onsetAt", equalTo("2026-11-02T15:10"))
                .body("derived.reactions[0].exposureToOnsetHours", equalTo(0))
                .body("derived.reactions[0].timeFromLastDoseDays", equalTo(0));
    }

    @Test
    void aVersionWithoutTheFieldsReadsAsItWasStoredAfterOneWithThem() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        ObjectNode followUp = withdrawal("RPC-" + CaseReports.uniqueToken());
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);
        given().get("/api/v1/reports/" + caseNumber + "/versions/1")
                .then()
                .statusCode(200)
                .body("report.exposure", nullValue())
                .body("report.care", nullValue())
                .body("report.centreReference", nullValue())
                .body("report.patient.history", nullValue())
                .body("report.reactions[0].verbatim", equalTo("vomiting"));
        given().get("/api/v1/reports/" + caseNumber + "/versions/2")
                .then()
                .statusCode(200)
                .body("report.exposure.reason", equalTo("WITHDRAWAL"))
                .body("report.care.treatments.code", contains("BUPRENORPHINE", "IV_FLUIDS"));
        assertThat(db.count("select count(*) from case_version v join case_report c on c.id = v.case_id where "
                        + "c.case_number = '" + caseNumber + "' and v.version = 1 and v.poison_centre is null"))
                .isEqualTo(1);
    }

    @Test
    void theCentreReferenceIsSearchableInAnyVersion() {
        String ref = "RPC-" + CaseReports.uniqueToken();
        String caseNumber = given().contentType(ContentType.JSON)
                .body(withdrawal(ref).toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
        given().queryParam("centreReference", ref.toLowerCase())
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("items.caseNumber", contains(caseNumber))
                .body("totalItems", equalTo(1));
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(withdrawal(ref + "-B").toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);
        given().queryParam("centreReference", ref)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("items.caseNumber", contains(caseNumber));
        given().queryParam("centreReference", ref + "-B")
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("items.caseNumber", contains(caseNumber));
        given().queryParam("centreReference", "x".repeat(65))
                .get("/api/v1/reports")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("centreReference"));
    }

    @Test
    void aTimeInADateFieldIsRefusedAndATimeInADateTimeFieldIsKept() {
        bad(r -> CaseReports.reaction(r, 0).put("onsetDate", "2026-11-02T14:30:00"), "reactions[0].onsetDate", "");
        bad(r -> CaseReports.product(r, 0).put("startDate", "2026-02-30"), "products[0].startDate", "");
        bad(
                r -> r.with("exposure").put("exposureAt", "2026-11-02 14:30"),
                "exposure.exposureAt",
                "must be a date (2026-11-02) or a date-time");
        bad(r -> r.with("exposure").put("exposureAt", "2026-02-30T10:00"), "exposure.exposureAt", "is not a real date");
        bad(
                r -> r.with("exposure").put("onsetAt", "2026-10-29T20:00"),
                "exposure.onsetAt",
                "must not be before exposure.exposureAt");
        bad(
                r -> r.with("exposure").put("onsetAt", "2026-11-01T10:00"),
                "exposure.onsetAt",
                "its date must equal the earliest reactions[].onsetDate (2026-10-31)");
        bad(
                r -> r.with("exposure").put("exposureAt", "2999-01-01T10:00"),
                "exposure.exposureAt",
                "must not be in the future");
        ObjectNode withSeconds = withdrawal("RPC-" + CaseReports.uniqueToken());
        withSeconds
                .with("exposure")
                .put("exposureAt", "2026-10-29T21:00:30-05:00")
                .put("onsetAt", "2026-10-31T09:15:00-05:00");
        given().contentType(ContentType.JSON)
                .body(withSeconds.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("report.exposure.exposureAt", equalTo("2026-10-29T21:00:30-05:00"))
                .body("derived.reactions[0].exposureToOnsetHours", equalTo(36));
    }

    @Test
    void unknownLabCodesAndUnitsAre400ListingTheKnownOnes() {
        bad(
                r -> r.withArray("labs")
                        .addObject()
                        .put("testCode", "TBIL")
                        .put("value", 4.1)
                        .put("unit", "mg/dL"),
                "labs[1].testCode",
                "is not a known test code; known: ALT, AST, ALP, GGT, TOTAL_BILIRUBIN");
        bad(
                r -> r.withArray("labs")
                        .addObject()
                        .put("testCode", "ALT")
                        .put("value", 900)
                        .put("unit", "mg/dL"),
                "labs[1].unit",
                "must be one of [U/L, IU/L] for ALT");
        ObjectNode ok = withdrawal("RPC-" + CaseReports.uniqueToken());
        ok.withArray("labs")
                .addObject()
                .put("testCode", "TOTAL_BILIRUBIN")
                .put("value", 40)
                .put("unit", "umol/L");
        given().contentType(ContentType.JSON)
                .body(ok.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201);
    }

    @Test
    void careVitalsAndToxicologyRules() {
        bad(
                r -> r.with("care").put("level", "TREATED_AND_RELEASED"),
                "care.daysInHospital",
                "is only allowed with level ADMITTED_WARD");
        bad(
                r -> r.with("care").withArray("treatments").addObject().put("code", "IV_FLUIDS"),
                "care.treatments[2].code",
                "must not be listed twice");
        bad(
                r -> ((ObjectNode) r.with("care").withArray("treatments").get(0)).remove("doseUnit"),
                "care.treatments[0].doseUnit",
                "is required when doseAmount is given");
        bad(
                r -> r.with("care").put("medicalOutcome", "DEATH"),
                "care.medicalOutcome",
                "DEATH requires the DEATH seriousness criterion");
        bad(r -> r.with("care").put("level", "IN_A_TENT"), "care.level", "not one of the allowed values");
        bad(
                r -> r.with("vitalSigns").put("diastolicBp", 160),
                "vitalSigns.diastolicBp",
                "must not be above systolicBp");
        bad(r -> r.with("vitalSigns").put("gcs", 2), "vitalSigns.gcs", "must be greater than or equal to 3");
        bad(
                r -> ((ObjectNode) r.withArray("toxicology").get(0)).put("value", 190),
                "toxicology[0].unit",
                "is required when value is given");
        bad(
                r -> ((ObjectNode) r.withArray("toxicology").get(1))
                        .put("value", 2)
                        .put("unit", "ng/mL"),
                "toxicology[1].value",
                "must be absent or 0 when detected is false");
        bad(
                r -> ((ObjectNode) r.withArray("toxicology").get(0)).remove("detected"),
                "toxicology[0].detected",
                "must not be null");
        bad(
                r -> r.with("patient").withArray("history").add("OPIOID_USE_DISORDER"),
                "patient.history",
                "must not list a condition twice");
        bad(r -> r.put("centreReference", " padded"), "centreReference", "must be printable text");
    }

    private void bad(Consumer<ObjectNode> change, String field, String message) {
        ObjectNode report = withdrawal("RPC-" + CaseReports.uniqueToken());
        change.accept(report);
        var before = db.rowCounts();
        given().contentType(ContentType.JSON)
                .body(report.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
        assertThat(db.rowCounts()).isEqualTo(before);
    }
}
