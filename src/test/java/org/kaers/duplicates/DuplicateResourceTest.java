package org.kaers.duplicates;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.DuplicateScreening;
import org.kaers.fixtures.Tokens;

/**
 * The duplicate queue over HTTP: a clinician's and a poison centre's report of one case, confirm, dismiss, errors.
 * Screening runs in the background (the default, {@code kaers.duplicates.screen-at-intake=false}): each test catches
 * the queue up before it asserts on suspects, and one shows the worker screens a submission unasked;
 * {@link ScreeningAtIntakeTest} covers screening at intake.
 */
@QuarkusTest
class DuplicateResourceTest {

    @jakarta.inject.Inject
    org.kaers.fixtures.TestDatabase db;

    /** The emergency physician's report. */
    static ObjectNode clinician(String token, String onset) {
        return CaseReports.parse("""
                {
                  "reporter": {"qualification": "PHYSICIAN", "country": "US"},
                  "patient": {"age": {"value": 34, "unit": "YEAR"}, "sex": "MALE"},
                  "products": [{"role": "SUSPECT", "name": "Kratom extract shot %1$s", "vendor": "Vendor %1$s",
                                "lotNumber": "LOT %1$s-7"}],
                  "reactions": [{"verbatim": "seizure", "onsetDate": "%2$s", "outcome": "RECOVERED"},
                                {"verbatim": "vomiting", "onsetDate": "%2$s", "outcome": "RECOVERED"}],
                  "seriousnessCriteria": ["HOSPITALIZATION"]
                }""".formatted(token, onset));
    }

    /** The poison centre's report of the same patient: no age, the onset a day later, the vendor spelt otherwise, no lot. */
    static ObjectNode poisonCentre(String token, String onset) {
        return CaseReports.parse("""
                {
                  "reporter": {"qualification": "PHARMACIST", "country": "US"},
                  "patient": {"sex": "MALE"},
                  "products": [{"role": "SUSPECT", "name": "kratom extract shot %1$s", "vendor": "VENDOR-%1$s"}],
                  "reactions": [{"verbatim": "seizure", "onsetDate": "%2$s", "outcome": "RECOVERED"}],
                  "seriousnessCriteria": ["HOSPITALIZATION"],
                  "centreReference": "PC-%1$s"
                }""".formatted(token, onset));
    }

    /** Codes the verbatim by hand as the first term "nausea" finds; returns that term's code. */
    static String codeAsNausea(String verbatim) {
        String code = given().queryParam("q", "nausea")
                .get("/api/v1/vocabulary/terms")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].code");
        given().contentType(ContentType.JSON)
                .body("{\"verbatim\": \"%s\", \"termCode\": \"%s\", \"codedBy\": \"reviewer-1\"}"
                        .formatted(verbatim, code))
                .post("/api/v1/vocabulary/codings")
                .then()
                .statusCode(200);
        return code;
    }

    @Test
    void theSameCaseFromTwoReportersIsQueuedAndConfirmingNullifiesTheNewer() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(clinician(token, "2025-08-14"));
        String b = CaseReports.submit(poisonCentre(token, "2025-08-15"));
        DuplicateScreening.catchUp();

        Response queue = given().queryParam("caseNumber", b).get("/api/v1/duplicates");
        queue.then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].caseNumber", equalTo(b))
                .body("items[0].candidateCaseNumber", equalTo(a))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].score", greaterThanOrEqualTo((float) DuplicateService.THRESHOLD))
                .body(
                        "items[0].fields.field",
                        contains(
                                "CENTRE_REFERENCE",
                                "AGE",
                                "SEX",
                                "ONSET_DATE",
                                "COUNTRY",
                                "PRODUCTS",
                                "VENDOR",
                                "LOT",
                                "REACTIONS"))
                .body(
                        "items[0].fields.outcome",
                        contains(
                                "MISSING", "MISSING", "AGREE", "NEAR", "AGREE", "IMPLIED", "AGREE", "MISSING",
                                "AGREE"));
        int id = queue.path("items[0].id");

        given().contentType(ContentType.JSON)
                .body("{\"keep\": \"KAE-1999-000001\"}")
                .post("/api/v1/duplicates/" + id + "/confirm")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("keep"));
        given().contentType(ContentType.JSON)
                .body("{\"comment\": \"same patient: ED and poison centre\"}")
                .post("/api/v1/duplicates/" + id + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("nullifiedCase", equalTo(b))
                .body("decidedBy", equalTo("admin@test"))
                .body("comment", equalTo("same patient: ED and poison centre"));
        given().get("/api/v1/reports/" + b)
                .then()
                .statusCode(200)
                .body("status", equalTo("NULLIFIED"))
                .body("nullification.reason", equalTo("DUPLICATE"))
                .body("nullification.duplicateOf", equalTo(a));
        given().get("/api/v1/reports/" + a).then().body("status", equalTo("ACTIVE"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/duplicates/" + id + "/confirm")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().queryParam("status", "CONFIRMED")
                .queryParam("caseNumber", a)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
    }

    @Test
    void theWorkerScreensANewSubmissionUnasked() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(clinician(token, "2025-07-01"));
        String b = CaseReports.submit(poisonCentre(token, "2025-07-02"));
        // no catch-up: the worker (kaers.duplicates.screening-interval, 1 s) finds the pair; polled, with a bound
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        Response queue;
        while (true) {
            queue = given().queryParam("caseNumber", b).get("/api/v1/duplicates");
            queue.then().statusCode(200);
            // (the page and its count are two statements: the worker may commit between them, so both are awaited)
            if ((queue.<Integer>path("totalItems") > 0
                            && !queue.<java.util.List<?>>path("items").isEmpty())
                    || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        queue.then()
                .body("totalItems", equalTo(1))
                .body("items[0].caseNumber", equalTo(b))
                .body("items[0].candidateCaseNumber", equalTo(a))
                .body("items[0].status", equalTo("OPEN"));
    }

    @Test
    void differentPatientsWithTheSameLotAreNotQueuedAndADismissalIsFinal() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(clinician(token, "2025-09-02"));
        ObjectNode neighbour = clinician(token, "2025-09-06");
        neighbour.with("patient").put("sex", "FEMALE").with("age").put("value", 61);
        neighbour
                .withArray("reactions")
                .removeAll()
                .addObject()
                .put("verbatim", "tachycardia")
                .put("onsetDate", "2025-09-06")
                .put("outcome", "RECOVERED");
        String c = CaseReports.submit(neighbour);
        DuplicateScreening.catchUp();
        given().queryParam("caseNumber", c)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));

        String d = CaseReports.submit(clinician(token, "2025-09-02"));
        DuplicateScreening.catchUp();
        int id = given().queryParam("caseNumber", d)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("items.candidateCaseNumber", hasItem(a))
                .extract()
                .path("items.find { it.candidateCaseNumber == '" + a + "' }.id");
        given().contentType(ContentType.JSON)
                .body("{\"comment\": \"twins\"}")
                .post("/api/v1/duplicates/" + id + "/dismiss")
                .then()
                .statusCode(200)
                .body("status", equalTo("DISMISSED"))
                .body("nullifiedCase", equalTo(null));
        given().get("/api/v1/reports/" + d).then().body("status", equalTo("ACTIVE"));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/duplicates/" + id + "/dismiss")
                .then()
                .statusCode(409);
        given().get("/api/v1/duplicates/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DISMISSED"))
                .body("comment", equalTo("twins"));
    }

    @Test
    void aQuotedCentreReferenceIsNearCertain() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(poisonCentre(token, "2025-10-01"));
        ObjectNode quoting = CaseReports.minimal();
        quoting.put("centreReference", "pc " + token);
        String b = CaseReports.submit(quoting);
        DuplicateScreening.catchUp();
        given().queryParam("caseNumber", b)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("items[0].candidateCaseNumber", equalTo(a))
                .body("items[0].fields[0].outcome", equalTo("AGREE"))
                .body("items[0].fields[0].weight", equalTo((float) LinkageScorer.SAME_REFERENCE));
    }

    @Test
    void aFollowUpIsScreenedAndReweighsOpenPairsButNeverDecidedOnes() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(clinician(token, "2025-11-03"));
        ObjectNode other = clinician(token, "2025-11-05");
        other.with("patient").put("sex", "FEMALE").with("age").put("value", 70);
        other.withArray("reactions")
                .removeAll()
                .addObject()
                .put("verbatim", "tachycardia")
                .put("onsetDate", "2025-11-05")
                .put("outcome", "RECOVERED");
        String b = CaseReports.submit(other);
        DuplicateScreening.catchUp();
        given().queryParam("caseNumber", b).get("/api/v1/duplicates").then().body("totalItems", equalTo(0));

        // b's follow-up turns out to describe a's patient: screened by the worker (here: caught up at once, unless
        // the worker was quicker; the pair below shows it was screened either way)
        CaseReports.followUp(b, 1, poisonCentre(token, "2025-11-04"));
        DuplicateScreening.catchUp();
        Response pair = given().queryParam("caseNumber", b).get("/api/v1/duplicates");
        pair.then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].caseNumber", equalTo(b))
                .body("items[0].candidateCaseNumber", equalTo(a))
                .body("items[0].rescoredAt", equalTo(null));
        int id = pair.path("items[0].id");
        float before = ((Number) pair.path("items[0].score")).floatValue();

        // a's follow-up loses the lot: the open pair is re-weighed (and stays one pair, with a as the earlier case)
        ObjectNode noLot = clinician(token, "2025-11-03");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("lotNumber");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("vendor");
        CaseReports.followUp(a, 1, noLot);
        DuplicateScreening.catchUp();
        Response reweighed = given().get("/api/v1/duplicates/" + id);
        reweighed
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("caseNumber", equalTo(b))
                .body("candidateCaseNumber", equalTo(a))
                .body("rescoredAt", org.hamcrest.Matchers.notNullValue())
                .body("fields.find { it.field == 'VENDOR' }.outcome", equalTo("MISSING"));
        assertThat(((Number) reweighed.path("score")).floatValue()).isNotEqualTo(before);
        given().queryParam("caseNumber", a).get("/api/v1/duplicates").then().body("totalItems", equalTo(1));

        // dismissed: a further follow-up changes nothing about the decision
        given().contentType(ContentType.JSON)
                .body("{\"comment\": \"different visits\"}")
                .post("/api/v1/duplicates/" + id + "/dismiss")
                .then()
                .statusCode(200);
        String rescoredAt = reweighed.path("rescoredAt");
        CaseReports.followUp(b, 2, clinician(token, "2025-11-03"));
        DuplicateScreening.catchUp();
        given().get("/api/v1/duplicates/" + id)
                .then()
                .body("status", equalTo("DISMISSED"))
                .body("score", equalTo(reweighed.path("score")))
                .body("rescoredAt", equalTo(rescoredAt));
        given().queryParam("caseNumber", b)
                .queryParam("status", "OPEN")
                .get("/api/v1/duplicates")
                .then()
                .body("totalItems", equalTo(0));
    }

    @Test
    void importedCasesAreScreenedAgainstSubmittedOnes() {
        String token = CaseReports.uniqueToken().toUpperCase(java.util.Locale.ROOT);
        String product = "KRATOM CAPSULES " + token;
        ObjectNode submitted = CaseReports.parse("""
                {
                  "reporter": {"qualification": "PHYSICIAN", "country": "US"},
                  "patient": {"age": {"value": 41, "unit": "YEAR"}, "sex": "FEMALE"},
                  "products": [{"role": "SUSPECT", "name": "%s"}],
                  "reactions": [{"verbatim": "seizure", "onsetDate": "2019-05-02", "outcome": "RECOVERED"},
                                {"verbatim": "vomiting", "onsetDate": "2019-05-02", "outcome": "RECOVERED"}],
                  "seriousnessCriteria": ["HOSPITALIZATION"]
                }""".formatted(product));
        String direct = CaseReports.submit(submitted);
        String csv =
                "RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,PRI_Reported Brand/Product Name,"
                        + "PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,CI_Age Unit,CI_Gender,"
                        + "AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n"
                        + "D" + token + ",5/20/2019,5/2/2019,Suspect," + product
                        + ",54,Vit/Min/Prot/Unconv Diet(Human/Animal),41,"
                        + "Year(s),Female,HOSPITALIZATION,\"CONVULSION, VOMITING\"\n";
        given().contentType("text/csv")
                .body(csv)
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200)
                .body("imported", equalTo(1));
        DuplicateScreening.catchUp();
        given().get("/api/v1/duplicates/screening")
                .then()
                .statusCode(200)
                .body("pending", equalTo(0))
                .body("failed", equalTo(0));
        given().queryParam("caseNumber", direct)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].candidateCaseNumber", equalTo(direct))
                .body("items[0].caseNumber", org.hamcrest.Matchers.not(equalTo(direct)))
                .body("items[0].fields.find { it.field == 'REACTIONS' }.outcome", equalTo("AGREE"));
    }

    @Test
    void theLinkageIndexFollowsTheLatestVersionAndANullifiedCaseLeavesIt() {
        String token = CaseReports.uniqueToken();
        String lot = CaseFeatures.normaliseLot("LOT " + token + "-7");
        String a = CaseReports.submit(clinician(token, "2025-12-01"));
        DuplicateScreening.catchUp();
        long id = db.count("select id from case_report where case_number = '" + a + "'");
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id
                        + " and field = 'LOT' and value = '" + lot + "'"))
                .isEqualTo(1);
        assertThat(db.count("select cases from duplicate_value_count where field = 'LOT' and value = '" + lot + "'"))
                .isEqualTo(1);
        // a follow-up without the lot: the case's keys and the lot's count follow once it is screened
        ObjectNode noLot = clinician(token, "2025-12-01");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("lotNumber");
        CaseReports.followUp(a, 1, noLot);
        DuplicateScreening.catchUp();
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id + " and field = 'LOT'"))
                .isZero();
        assertThat(db.count("select cases from duplicate_value_count where field = 'LOT' and value = '" + lot + "'"))
                .isZero();
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id + " and field = 'CASE'"))
                .isEqualTo(1);
        long indexed = db.count("select cases from duplicate_value_count where field = 'CASE'");
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + a + "/nullification")
                .then()
                .statusCode(200);
        DuplicateScreening.catchUp();
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id))
                .isZero();
        assertThat(db.count("select cases from duplicate_value_count where field = 'CASE'"))
                .isLessThan(indexed);
    }

    @Test
    void aRecodedVerbatimReachesTheIndex() {
        String token = CaseReports.uniqueToken();
        ObjectNode report = CaseReports.minimal();
        report.withArray("reactions")
                .removeAll()
                .addObject()
                .put("verbatim", "qzx " + token)
                .put("onsetDate", "2025-12-03")
                .put("outcome", "RECOVERED");
        String a = CaseReports.submit(report);
        DuplicateScreening.catchUp();
        long id = db.count("select id from case_report where case_number = '" + a + "'");
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id + " and field = 'REACTIONS'"
                        + " and value = 'Vqzx " + token + "'"))
                .isEqualTo(1);
        String code = codeAsNausea("qzx " + token);
        long termId = db.count("select id from symptom_term where code = '" + code + "'");
        DuplicateScreening.catchUp();
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id + " and field = 'REACTIONS'"
                        + " and value = 'T" + termId + "'"))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + id + " and value = 'Vqzx " + token
                        + "'"))
                .isZero();
    }

    @Test
    void errorsAndAccess() {
        given().get("/api/v1/duplicates/999999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/duplicates/abc").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/duplicates/999999999/dismiss")
                .then()
                .statusCode(404);
        given().queryParam("status", "MAYBE")
                .get("/api/v1/duplicates")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("status"));
        given().queryParam("size", 101).get("/api/v1/duplicates").then().statusCode(400);
        given().header("Authorization", Tokens.bearer(Tokens.of("dup-reporter@test", "REPORTER")))
                .get("/api/v1/duplicates")
                .then()
                .statusCode(403);
        given().header("Authorization", Tokens.bearer(Tokens.of("dup-reporter@test", "REPORTER")))
                .post("/api/v1/duplicates/screening/catch-up")
                .then()
                .statusCode(403);
        given().queryParam("x", 1).get("/api/v1/duplicates/screening").then().statusCode(400);
        assertThat(given().get("/api/v1/duplicates")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getInt("size"))
                .isEqualTo(20);
    }
}
