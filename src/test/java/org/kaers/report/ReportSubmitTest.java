package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.kaers.fixtures.JsonAssertions.assertJsonEquals;
import static org.kaers.fixtures.JsonAssertions.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class ReportSubmitTest {

    @Inject
    TestDatabase db;

    @Test
    void submittedCaseIsStoredWithDerivedFieldsAndReadsBackAsSent() {
        ObjectNode sent = CaseReports.liverInjury();
        long casesBefore = db.count("select count(*) from case_report");

        Response created = given().contentType(ContentType.JSON)
                .body(sent.toString())
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", "\"1\"")
                .body("caseNumber", matchesPattern("KAE-" + Year.now(ZoneOffset.UTC) + "-\\d{6,}"))
                .extract()
                .response();

        String caseNumber = created.path("caseNumber");
        assertThat(created.header("Location")).endsWith("/api/v1/reports/" + caseNumber);
        assertThat(db.count("select count(*) from case_report")).isEqualTo(casesBefore + 1);

        JsonNode body = read(created.asString());
        assertThat(body.at("/derived/products/0/coding/substance").asText()).isEqualTo("KRATOM");
        assertThat(body.at("/derived/products/1/coding/substance").asText()).isEqualTo("ALCOHOL");
        assertThat(body.at("/derived/reactions/1/coding/method").asText()).isEqualTo("EXACT");
        assertThat(body.at("/derived/reactions/1/coding/preferredName").asText())
                .isEqualTo("Chromaturia");
        JsonNode withoutCoding = withoutCoding(body);
        String receivedAt = body.get("receivedAt").asText();
        assertThat(Instant.parse(receivedAt)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertJsonEquals(read("""
                {
                  "caseNumber": "%s", "version": 1, "versionType": "INITIAL", "latestVersion": 1,
                  "status": "ACTIVE", "source": "DIRECT", "receivedAt": "%s", "versionReceivedAt": "%s",
                  "derived": {
                    "serious": true, "ageGroup": "ADULT",
                    "liverInjury": {"rRatio": 18.75, "pattern": "HEPATOCELLULAR", "hysLaw": true},
                    "reactions": [
                      {"index": 0, "verbatim": "yellow skin and itching", "timeToOnsetDays": 35, "timeFromLastDoseDays": -6},
                      {"index": 1, "verbatim": "dark urine", "timeToOnsetDays": 33, "timeFromLastDoseDays": -8}
                    ]
                  },
                  "report": %s
                }""".formatted(caseNumber, receivedAt, receivedAt, sent)), withoutCoding);

        String read = given().when()
                .get(created.header("Location"))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .extract()
                .asString();
        assertJsonEquals(body, read(read));
    }

    @Test
    void minimalCaseIsAcceptedAndNonSerious() {
        ObjectNode sent = CaseReports.minimal();
        JsonNode body = read(given().contentType(ContentType.JSON)
                .body(sent.toString())
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .asString());

        assertJsonEquals(read("""
                {"serious": false, "reactions": [{"index": 0, "verbatim": "vomiting"}]}"""), withoutCoding(body).get("derived"));
        assertThat(body.at("/derived/products/0/name").asText()).isEqualTo("kratom capsules");
        assertThat(body.at("/derived/products/0/coding/productName").asText()).isEqualTo("Kratom (unspecified)");
        ObjectNode expectedReport = sent.deepCopy();
        expectedReport.putArray("seriousnessCriteria");
        expectedReport.putArray("labs");
        assertJsonEquals(expectedReport, body.get("report"));
    }

    @Test
    void caseNumbersAreUniqueAndIncreasing() {
        String first = CaseReports.submit(CaseReports.minimal());
        String second = CaseReports.submit(CaseReports.minimal());
        // One sequence, nothing else submitting in between: the next number, in the same prefix and year.
        long n = Long.parseLong(first.substring(first.lastIndexOf('-') + 1));
        assertThat(second).isEqualTo(first.substring(0, first.lastIndexOf('-') + 1) + "%06d".formatted(n + 1));
    }

    @Test
    void documentedExampleIsAValidReport() {
        given().contentType(ContentType.JSON)
                .body(ReportExamples.CASE_REPORT)
                .when()
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .body("derived.liverInjury.rRatio", equalTo(18.75f))
                .body("derived.liverInjury.hysLaw", equalTo(true))
                .body("derived.reactions[0].timeToOnsetDays", equalTo(35));
    }

    @Test
    void unknownCaseIs404Problem() {
        given().when()
                .get("/api/v1/reports/KAE-2026-999999999")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("no case has this number"));
    }

    /** The derived fields without the vocabulary's codings, which VocabularyResourceTest checks. */
    static JsonNode withoutCoding(JsonNode view) {
        ObjectNode copy = view.deepCopy();
        ObjectNode derived = (ObjectNode) copy.get("derived");
        derived.remove("products");
        derived.withArray("reactions").forEach(r -> ((ObjectNode) r).remove("coding"));
        return copy;
    }
}
