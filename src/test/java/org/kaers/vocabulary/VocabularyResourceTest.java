package org.kaers.vocabulary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class VocabularyResourceTest {

    @Inject
    TestDatabase db;

    static String codeOf(String text) {
        return given().queryParam("text", text)
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(200)
                .extract()
                .path("term.code");
    }

    @Test
    void submittedReactionsAreCodedAndShownWithTheCase() {
        ObjectNode report = CaseReports.minimal();
        CaseReports.reaction(report, 0).put("verbatim", "Fits");
        report.withArray("reactions").addObject().put("verbatim", "yellow skin").put("outcome", "RECOVERING");
        String unknown = "zq " + CaseReports.uniqueToken();
        report.withArray("reactions").addObject().put("verbatim", unknown).put("outcome", "UNKNOWN");

        JsonPath body = given().contentType(ContentType.JSON)
                .body(report.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(body.getString("derived.reactions[0].coding.termCode")).isEqualTo(codeOf("seizure"));
        assertThat(body.getString("derived.reactions[0].coding.method")).isEqualTo("EXACT");
        assertThat(body.getString("derived.reactions[0].coding.organClass")).isEqualTo("NERVOUS_SYSTEM");
        assertThat(body.getString("derived.reactions[1].coding.termCode")).isEqualTo(codeOf("jaundice"));
        assertThat(body.getString("derived.reactions[2].coding.method")).isEqualTo("UNCODED");
        assertThat(body.getString("derived.reactions[2].coding.termCode")).isNull();

        given().queryParam("size", 100)
                .get("/api/v1/vocabulary/coding-queue")
                .then()
                .statusCode(200)
                .body("items.normalized", hasItem(TextNormalizer.forMatching(unknown)));
    }

    @Test
    void manualCodingAppliesToEverySpellingPastAndFutureAndIsAudited() {
        String token = CaseReports.uniqueToken();
        String first = submitWithReaction("Felt " + token + "!!");
        String second = submitWithReaction("felt " + token.toUpperCase());
        String dizziness = codeOf("dizziness");
        long auditBefore = db.count("select count(*) from coding_audit");

        given().contentType(ContentType.JSON)
                .body(
                        "{\"verbatim\": \"felt %s\", \"termCode\": \"%s\", \"codedBy\": \"reviewer-1\", \"comment\": \"phoned\"}"
                                .formatted(token, dizziness))
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(200)
                .body("normalized", equalTo("felt " + token))
                .body("term.code", equalTo(dizziness))
                .body("verbatims", equalTo(2))
                .body("cases", equalTo(2))
                .body("codedBy", equalTo("reviewer-1"));

        for (String caseNumber : new String[] {first, second}) {
            given().get("/api/v1/reports/" + caseNumber)
                    .then()
                    .body("derived.reactions[0].coding.termCode", equalTo(dizziness))
                    .body("derived.reactions[0].coding.method", equalTo("MANUAL"));
        }
        String later = submitWithReaction("FELT " + token);
        given().get("/api/v1/reports/" + later)
                .then()
                .body("derived.reactions[0].coding.termCode", equalTo(dizziness))
                .body("derived.reactions[0].coding.method", equalTo("MANUAL"));
        assertThat(db.count("select count(*) from coding_audit")).isEqualTo(auditBefore + 1);
        assertThat(db.count("select count(*) from coding_audit where normalized = 'felt " + token
                        + "' and actor = 'reviewer-1' and comment = 'phoned'"))
                .isEqualTo(1);
        given().queryParam("size", 100)
                .get("/api/v1/vocabulary/coding-queue")
                .then()
                .body("items.normalized", not(hasItem("felt " + token)));
    }

    @Test
    void manualCodingRejectsUnknownTermsAndChangesNothing() {
        var before = db.rowCounts();
        long audits = db.count("select count(*) from coding_audit");
        given().contentType(ContentType.JSON)
                .body("{\"verbatim\": \"odd\", \"termCode\": \"KT9999\", \"codedBy\": \"r\"}")
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("termCode"));
        given().contentType(ContentType.JSON)
                .body("{\"verbatim\": \"odd\", \"termCode\": \"KT0001\"}")
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("codedBy"));
        assertThat(db.rowCounts()).isEqualTo(before);
        assertThat(db.count("select count(*) from coding_audit")).isEqualTo(audits);
    }

    @Test
    void searchRanksTheMatchingSynonymFirst() {
        given().queryParam("q", "fits")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .body("items[0].code", equalTo(codeOf("seizure")))
                .body("items[0].matchedSynonym", equalTo("fits"))
                .body("items[0].score", equalTo(1))
                .body("totalItems", greaterThan(0));
        given().queryParam("q", "jaundise")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .body("items.code", hasItem(codeOf("jaundice")));
        given().queryParam("organClass", "HEPATOBILIARY")
                .queryParam("size", 100)
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .body("items.organClass", not(hasItem("CARDIAC")))
                .body("items.code", hasItem(codeOf("jaundice")));
        given().queryParam("colour", "red")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(400);
    }

    @Test
    void oneTermWithSynonymsAndOrganClasses() {
        String code = codeOf("jaundice");
        given().get("/api/v1/vocabulary/terms/" + code)
                .then()
                .statusCode(200)
                .body("code", equalTo(code))
                .body("organClass", equalTo("HEPATOBILIARY"))
                .body("curated", equalTo(true))
                .body("synonyms.size()", greaterThan(1));
        given().get("/api/v1/vocabulary/terms/KT9999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/vocabulary/organ-classes")
                .then()
                .statusCode(200)
                .body("code", hasItem("HEPATOBILIARY"))
                .body("find { it.code == 'HEPATOBILIARY' }.terms", greaterThan(3))
                .body("find { it.code == 'HEPATOBILIARY' }.name", equalTo("Hepatobiliary disorders"));
    }

    @Test
    void uncuratedTermCanBeAddedOnceAndCodesWaitingVerbatims() {
        String token = CaseReports.uniqueToken();
        String caseNumber = submitWithReaction("QQ SYNDROME " + token);
        String code = given().contentType(ContentType.JSON)
                .body(
                        "{\"preferredName\": \"QQ syndrome %s\", \"organClass\": \"NERVOUS_SYSTEM\", \"synonyms\": [\"qq tox %s\"]}"
                                .formatted(token, token))
                .post("/api/v1/vocabulary/terms")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/vocabulary/terms/KU"))
                .body("code", matchesPattern("KU\\d{6}"))
                .body("curated", equalTo(false))
                .body("synonyms", contains("qq tox " + token))
                .extract()
                .path("code");
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .body("derived.reactions[0].coding.termCode", equalTo(code))
                .body("derived.reactions[0].coding.method", equalTo("EXACT"));
        given().contentType(ContentType.JSON)
                .body("{\"preferredName\": \"qq TOX " + token + "\"}")
                .post("/api/v1/vocabulary/terms")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("preferredName"));
        given().contentType(ContentType.JSON)
                .body("{\"preferredName\": \"x\", \"organClass\": \"NOWHERE\"}")
                .post("/api/v1/vocabulary/terms")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("organClass"));
    }

    @Test
    void previewNeedsText() {
        given().get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("text"));
        given().queryParam("text", "!!!")
                .get("/api/v1/vocabulary/coding-preview")
                .then()
                .statusCode(200)
                .body("method", equalTo("UNCODED"))
                .body("term", nullValue());
    }

    static String submitWithReaction(String verbatim) {
        ObjectNode report = CaseReports.minimal();
        CaseReports.reaction(report, 0).put("verbatim", verbatim);
        return given().contentType(ContentType.JSON)
                .body(report.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .extract()
                .path("caseNumber");
    }
}
