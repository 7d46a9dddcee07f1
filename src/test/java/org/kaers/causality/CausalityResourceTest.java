package org.kaers.causality;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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

/** The assessment life cycle over HTTP: preview, create, follow-up changes the case, recompute, history, errors. */
@QuarkusTest
class CausalityResourceTest {

    private static final String NARANJO = """
            {"previousConclusiveReports": "YES", "appearedAfterProduct": "YES", "improvedOnStopOrAntagonist": "YES",
             "reappearedOnReadministration": "DONT_KNOW", "alternativeCauses": "NO", "reactionToPlacebo": "DONT_KNOW",
             "toxicConcentration": "DONT_KNOW", "doseRelated": "DONT_KNOW", "similarReactionBefore": "NO",
             "objectiveEvidence": "YES"}""";
    private static final String ANSWERS = """
            {"ALCOHOL": "ALCOHOL_NO", "ALTERNATIVE_CAUSES": "ALTERNATIVES_ALL_RULED_OUT"}""";

    @Inject
    TestDatabase db;

    /**
     * The liver-injury fixture: kratom powder from 10 Jan to 20 Feb, jaundice on 14 Feb (35 days: +2), one ALT
     * (no course: 0), age 34 (0), alcohol as a concomitant with compatible timing (-1), kratom published (+1),
     * rechallenge not done (0); with alcohol no (0) and alternatives all ruled out (+2): 4, possible.
     * A follow-up adds ALT 300 on 24 Feb: excess 6.5 x against 30.25 x at the peak, halved 4 days after the
     * stop (+3): 7, probable.
     */
    @Test
    void lifeCycle() {
        String caseNumber = CaseReports.submit(CaseReports.liverInjury());
        String base = "/api/v1/reports/" + caseNumber + "/causality";

        given().queryParam("productIndex", 0)
                .queryParam("reactionIndex", 0)
                .get(base + "/rucam")
                .then()
                .statusCode(200)
                .body("scale", equalTo("HEPATOCELLULAR"))
                .body("rRatioAtOnset", equalTo(18.75f))
                .body("itemsToAnswer", contains("ALCOHOL", "ALTERNATIVE_CAUSES"))
                .body("score", nullValue());

        post(base, "{\"productIndex\": 0, \"reactionIndex\": 0, \"rucam\": {\"answers\": {}}}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("rucam.answers.ALCOHOL", "rucam.answers.ALTERNATIVE_CAUSES"))
                .body("violations[0].message", containsString("ALCOHOL_YES, ALCOHOL_NO"));
        assertThat(count(caseNumber)).isZero();

        Response created = post(base, """
                {"productIndex": 0, "reactionIndex": 0, "whoUmc": "PROBABLE", "naranjo": %s,
                 "rucam": {"answers": %s}, "comment": "serology negative"}""".formatted(NARANJO, ANSWERS));
        created.then()
                .statusCode(201)
                .header("Location", endsWith(base + "/" + created.path("id")))
                .body("version", equalTo(1))
                .body("current", equalTo(true))
                .body("assessor", equalTo("admin@test"))
                .body("caseVersion", equalTo(1))
                .body("caseChangedSince", equalTo(false))
                .body("productName", equalTo("Maeng Da Kratom Powder"))
                .body("reactionVerbatim", equalTo("yellow skin and itching"))
                .body("whoUmc", equalTo("PROBABLE"))
                .body("naranjo.score", equalTo(7))
                .body("naranjo.band", equalTo("PROBABLE"))
                .body("rucam.items.points", contains(2, 0, 0, 0, -1, 2, 1, 0))
                .body(
                        "rucam.items.source",
                        contains("CASE", "CASE", "REVIEWER", "CASE", "CASE", "REVIEWER", "CASE", "CASE"))
                .body("rucam.score", equalTo(4))
                .body("rucam.band", equalTo("POSSIBLE"))
                .body("rucamOnLatestVersion", nullValue());
        int first = created.path("id");

        ObjectNode followUp = CaseReports.liverInjury();
        followUp.withArray("labs")
                .addObject()
                .put("testCode", "ALT")
                .put("value", 300)
                .put("unit", "U/L")
                .put("upperLimitOfNormal", 40)
                .put("date", "2026-02-24");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);

        given().get(base + "/" + first)
                .then()
                .statusCode(200)
                .body("caseVersion", equalTo(1))
                .body("latestCaseVersion", equalTo(2))
                .body("caseChangedSince", equalTo(true))
                .body("pairInLatestVersion", equalTo(true))
                .body("rucam.score", equalTo(4))
                .body("rucamOnLatestVersion.caseVersion", equalTo(2))
                .body("rucamOnLatestVersion.items[1].answer", equalTo("ALT_FALL_50_WITHIN_8_DAYS"))
                .body("rucamOnLatestVersion.score", equalTo(7))
                .body("rucamOnLatestVersion.band", equalTo("PROBABLE"));

        Response second = post(base, """
                {"productIndex": 0, "reactionIndex": 0, "whoUmc": "PROBABLE", "rucam": {"answers": %s}}""".formatted(ANSWERS));
        second.then()
                .statusCode(201)
                .body("version", equalTo(2))
                .body("caseVersion", equalTo(2))
                .body("rucam.score", equalTo(7))
                .body("naranjo", nullValue());

        given().get(base)
                .then()
                .statusCode(200)
                .body("id", contains(first, second.path("id")))
                .body("version", contains(1, 2))
                .body("current", contains(false, true))
                .body("caseChangedSince", contains(true, false));
        assertThat(count(caseNumber)).isEqualTo(2);
        // append-only: the database refuses to rewrite an assessment
        assertThat(db.count("select count(*) from causality_assessment a join case_report c on c.id = a.case_id "
                        + "where c.case_number = '" + caseNumber + "' and a.rucam_score = 4 and a.naranjo_score = 7"))
                .isEqualTo(1);
    }

    @Test
    void invalidAssessmentsNameTheirFieldsAndStoreNothing() {
        String caseNumber = CaseReports.submit(CaseReports.liverInjury());
        String base = "/api/v1/reports/" + caseNumber + "/causality";
        bad(base, "{\"reactionIndex\": 0, \"whoUmc\": \"POSSIBLE\"}", "productIndex", "must not be null");
        bad(
                base,
                "{\"productIndex\": 1, \"reactionIndex\": 0, \"whoUmc\": \"POSSIBLE\"}",
                "productIndex",
                "must name a SUSPECT or INTERACTING product, not CONCOMITANT");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 5, \"whoUmc\": \"POSSIBLE\"}",
                "reactionIndex",
                "the case has 2 reaction(s)");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 0}",
                "whoUmc",
                "give at least one of whoUmc, naranjo and rucam");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"MAYBE\"}",
                "whoUmc",
                "not one of the allowed values");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 0, \"naranjo\": "
                        + NARANJO.replace("\"doseRelated\": \"DONT_KNOW\",", "") + "}",
                "naranjo.doseRelated",
                "must not be null");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 0, \"rucam\": {\"answers\": "
                        + "{\"ALCOHOL\": \"AGE_UNDER_55\", \"ALTERNATIVE_CAUSES\": \"ALTERNATIVES_ALL_RULED_OUT\"}}}",
                "rucam.answers.ALCOHOL",
                "must be one of [ALCOHOL_YES, ALCOHOL_NO] on the HEPATOCELLULAR scale");
        bad(
                base,
                "{\"productIndex\": 0, \"reactionIndex\": 0, \"rucam\": {\"answers\": {\"PREGNANCY\": \"PREGNANT\", "
                        + "\"ALCOHOL\": \"ALCOHOL_NO\", \"ALTERNATIVE_CAUSES\": \"ALTERNATIVES_ALL_RULED_OUT\"}}}",
                "rucam.answers.PREGNANCY",
                "is not an item of the HEPATOCELLULAR scale");

        String mild = CaseReports.submit(CaseReports.minimal());
        bad(
                "/api/v1/reports/" + mild + "/causality",
                "{\"productIndex\": 0, \"reactionIndex\": 0, \"rucam\": {}}",
                "rucam",
                "RUCAM applies to liver injury");
        given().get("/api/v1/reports/" + caseNumber + "/causality/rucam")
                .then()
                .statusCode(400)
                .body("violations.field", contains("productIndex", "reactionIndex"));
        given().queryParam("productIndex", 1)
                .queryParam("reactionIndex", 0)
                .get(base + "/rucam")
                .then()
                .statusCode(400)
                .body("violations[0].in", equalTo("query"))
                .body("violations[0].field", equalTo("productIndex"));
        assertThat(count(caseNumber) + count(mild)).isZero();
    }

    @Test
    void unknownCasesAndAssessmentsAre404AndNullifiedCasesTakeNone() {
        given().get("/api/v1/reports/KAE-1999-999999/causality")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        post(
                        "/api/v1/reports/KAE-1999-999999/causality",
                        "{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"POSSIBLE\"}")
                .then()
                .statusCode(404);
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        String base = "/api/v1/reports/" + caseNumber + "/causality";
        given().get(base).then().statusCode(200).body("size()", equalTo(0));
        given().get(base + "/999999999").then().statusCode(404).body("type", equalTo("urn:kaers:problem:not-found"));
        given().get(base + "/abc").then().statusCode(404);
        // an assessment of another case is not found under this one
        String other = CaseReports.submit(CaseReports.minimal());
        int id = post(
                        "/api/v1/reports/" + other + "/causality",
                        "{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"UNLIKELY\"}")
                .then()
                .statusCode(201)
                .body("naranjo", nullValue())
                .body("rucam", nullValue())
                .extract()
                .path("id");
        given().get(base + "/" + id).then().statusCode(404);

        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"REPORTED_IN_ERROR\"}")
                .post("/api/v1/reports/" + caseNumber + "/nullification")
                .then()
                .statusCode(200);
        post(base, "{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"POSSIBLE\"}")
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:kaers:problem:already-nullified"));
    }

    @Test
    void onlyReviewersAndAdministratorsAssess() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        String base = "/api/v1/reports/" + caseNumber + "/causality";
        String body = "{\"productIndex\": 0, \"reactionIndex\": 0, \"whoUmc\": \"POSSIBLE\"}";
        for (String role : new String[] {"REPORTER", "RESEARCHER"}) {
            String token = Tokens.bearer(Tokens.of("causality-" + role.toLowerCase() + "@test", role));
            given().header("Authorization", token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post(base)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            given().header("Authorization", token).get(base).then().statusCode(403);
        }
        String reviewer = "causality-" + CaseReports.uniqueToken() + "@test";
        given().header("Authorization", Tokens.bearer(Tokens.of(reviewer, "REVIEWER")))
                .contentType(ContentType.JSON)
                .body(body)
                .post(base)
                .then()
                .statusCode(201)
                .body("assessor", equalTo(reviewer));
        given().queryParam("actor", reviewer)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("items.action", contains("POST"))
                .body("items.resource", contains(base))
                .body("items.status", contains(201));
    }

    private static void bad(String path, String body, String field, String message) {
        post(path, body)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:kaers:problem:validation"))
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString(message));
    }

    private static Response post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    private long count(String caseNumber) {
        return db.count("select count(*) from causality_assessment a join case_report c on c.id = a.case_id "
                + "where c.case_number = '" + caseNumber + "'");
    }
}
