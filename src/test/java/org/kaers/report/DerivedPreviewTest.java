package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;
import org.kaers.fixtures.Tokens;

/** POST /api/v1/reports/derived-preview: the derived fields of a draft, as a stored version would get them. */
@QuarkusTest
class DerivedPreviewTest {

    private static final String PATH = "/api/v1/reports/derived-preview";

    @Inject
    TestDatabase db;

    private static Response preview(String body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH);
    }

    @Test
    void aCompleteCaseGetsTheSameDerivedFieldsAsWhenItIsStored() {
        ObjectNode report = CaseReports.liverInjury();
        var before = db.rowCounts();
        Response preview = preview(report.toString());
        preview.then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("serious", equalTo(true))
                .body("ageGroup", equalTo("ADULT"))
                .body("liverInjury.rRatio", equalTo(18.75f)) // (1250/40) / (200/120) = 31.25 / 1.6667
                .body("liverInjury.pattern", equalTo("HEPATOCELLULAR"))
                .body("liverInjury.hysLaw", equalTo(true)) // ALT 31 x, bilirubin 5.2 x, ALP 1.7 x ULN
                .body("reactions.index", contains(0, 1))
                .body("reactions.timeToOnsetDays", contains(35, 33)) // from 2026-01-10
                .body("reactions.timeFromLastDoseDays", contains(-6, -8)); // before the stop on 2026-02-20
        assertThat(db.rowCounts()).as("nothing stored").isEqualTo(before);

        // the same numbers once stored
        String caseNumber = CaseReports.submit(report);
        var stored = given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stored.getBoolean("derived.serious"))
                .isEqualTo(preview.jsonPath().getBoolean("serious"));
        assertThat(stored.getString("derived.ageGroup"))
                .isEqualTo(preview.jsonPath().getString("ageGroup"));
        assertThat(stored.getMap("derived.liverInjury"))
                .isEqualTo(preview.jsonPath().getMap("liverInjury"));
        assertThat(stored.getList("derived.reactions.timeToOnsetDays"))
                .isEqualTo(preview.jsonPath().getList("reactions.timeToOnsetDays"));
    }

    @Test
    void aDraftNeedsNoRequiredFieldAndLeavesOutWhatIsNotCompleteYet() {
        preview("{}")
                .then()
                .statusCode(200)
                .body("serious", equalTo(false))
                .body("ageGroup", nullValue())
                .body("liverInjury", nullValue())
                .body("reactions", hasSize(0));
        // an age without its unit, a lab without its upper limit: nothing to derive from them yet
        preview("""
                {"patient": {"age": {"value": 70}, "ageGroup": "ADULT"},
                 "labs": [{"testCode": "ALT", "value": 400}],
                 "reactions": [{"verbatim": "nausea"}], "seriousnessCriteria": ["DEATH"]}""")
                .then()
                .statusCode(200)
                .body("serious", equalTo(true))
                .body("ageGroup", equalTo("ADULT"))
                .body("liverInjury", nullValue())
                .body("reactions[0].timeToOnsetDays", nullValue());
        preview("""
                {"patient": {"age": {"value": 70, "unit": "YEAR"}},
                 "labs": [{"testCode": "ALT", "value": 120, "upperLimitOfNormal": 40},
                          {"testCode": "ALP", "value": 300, "upperLimitOfNormal": 100}]}""")
                .then()
                .statusCode(200)
                .body("ageGroup", equalTo("ELDERLY"))
                .body("liverInjury.rRatio", equalTo(1.0f))
                .body("liverInjury.pattern", equalTo("CHOLESTATIC"))
                .body("liverInjury.hysLaw", equalTo(false)); // ALP >= 2 x ULN rules it out
    }

    @Test
    void aValueThatBreaksItsFieldsRuleIsA400NamingTheField() {
        var before = db.rowCounts();
        preview("""
                {"labs": [{"testCode": "alt", "value": 400, "upperLimitOfNormal": -1}],
                 "reporter": {"country": "usa"}}""")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:validation"))
                .body(
                        "violations.field",
                        contains("labs[0].testCode", "labs[0].upperLimitOfNormal", "reporter.country"))
                .body("violations.in", contains("body", "body", "body"));
        preview("{\"products\": [{\"startDate\": \"2026-13-01\"}]}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("products[0].startDate"));
        preview("{\"patient\": {\"age\": {\"value\": 3, \"unit\": \"EON\"}}}")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("patient.age.unit"));
        preview("{\"nonsense\": 1}").then().statusCode(400).body("violations[0].field", equalTo("nonsense"));
        preview("[]").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).post(PATH).then().statusCode(400).contentType("application/problem+json");
        assertThat(db.rowCounts()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void reportersAndReviewersMayPreviewResearchersMayNot() {
        for (String role : new String[] {"REPORTER", "REVIEWER"}) {
            given().header("Authorization", Tokens.bearer(Tokens.of("p@test", role)))
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post(PATH)
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", Tokens.bearer(Tokens.of("r@test", "RESEARCHER")))
                .contentType(ContentType.JSON)
                .body("{}")
                .post(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
