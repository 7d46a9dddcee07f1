package org.kaers.duplicates;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.DuplicateScreening;

/**
 * Screening at intake ({@code kaers.duplicates.screen-at-intake=true}, the behaviour before issue 16) with the
 * background worker off: a new submission's suspects exist when its answer arrives, and only the worker (here the
 * catch-up) screens a follow-up.
 */
@QuarkusTest
@TestProfile(ScreeningAtIntakeTest.AtIntake.class)
class ScreeningAtIntakeTest {

    public static class AtIntake implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kaers.duplicates.screen-at-intake", "true",
                    "kaers.duplicates.screening-interval", "off");
        }
    }

    @jakarta.inject.Inject
    org.kaers.fixtures.TestDatabase db;

    @jakarta.inject.Inject
    ScreeningQueue queue;

    @Test
    void aSubmissionIsScreenedBeforeItsAnswerAndAFollowUpIsLeftToTheWorker() {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(DuplicateResourceTest.clinician(token, "2025-06-10"));
        String b = CaseReports.submit(DuplicateResourceTest.poisonCentre(token, "2025-06-11"));
        long bId = db.count("select id from case_report where case_number = '" + b + "'");
        assertThat(db.count("select count(*) from duplicate_screening where case_id = " + bId))
                .as("screened, so no longer queued")
                .isZero();
        given().queryParam("caseNumber", b)
                .get("/api/v1/duplicates")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].caseNumber", equalTo(b))
                .body("items[0].candidateCaseNumber", equalTo(a))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].rescoredAt", equalTo(null));

        // a follow-up is queued, not screened at intake: the pair is re-weighed only once the queue is caught up
        ObjectNode noLot = DuplicateResourceTest.clinician(token, "2025-06-10");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("lotNumber");
        ((ObjectNode) noLot.withArray("products").get(0)).remove("vendor");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(noLot.toString())
                .post("/api/v1/reports/" + a + "/follow-ups")
                .then()
                .statusCode(201);
        long aId = db.count("select id from case_report where case_number = '" + a + "'");
        assertThat(db.count("select count(*) from duplicate_screening where case_id = " + aId))
                .as("queued for the worker")
                .isEqualTo(1);
        given().queryParam("caseNumber", b).get("/api/v1/duplicates").then().body("items[0].rescoredAt", equalTo(null));
        DuplicateScreening.catchUp();
        given().queryParam("caseNumber", b)
                .get("/api/v1/duplicates")
                .then()
                .body("totalItems", equalTo(1))
                .body("items[0].rescoredAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aFollowUpDoesNotWaitForAWorkerScreeningItsCase() throws Exception {
        String token = CaseReports.uniqueToken();
        String a = CaseReports.submit(DuplicateResourceTest.clinician(token, "2025-05-20"));
        long aId = db.count("select id from case_report where case_number = '" + a + "'");
        DuplicateScreening.catchUp(); // nothing older in the way of this test's claim
        CaseReports.followUp(a, 1, DuplicateResourceTest.clinician(token, "2025-05-21"));

        // a worker's batch transaction holds a's entry (claimed, not yet screened) while a's next follow-up arrives
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.concurrent.Future<java.util.List<ScreeningQueue.Entry>> worker = threads.submit(() ->
                    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
                        java.util.List<ScreeningQueue.Entry> held = queue.claimOldest(false, 1000);
                        claimed.countDown();
                        release.await(120, java.util.concurrent.TimeUnit.SECONDS);
                        return held; // committed without removing them: the entries stay queued
                    }));
            assertThat(claimed.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            java.util.concurrent.Future<?> next = threads.submit(
                    () -> CaseReports.followUp(a, 2, DuplicateResourceTest.clinician(token, "2025-05-22")));
            next.get(60, java.util.concurrent.TimeUnit.SECONDS); // with row locks on the entries, it waited here
            release.countDown();
            assertThat(worker.get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .extracting(ScreeningQueue.Entry::caseId)
                    .contains(aId);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertThat(db.count("select count(*) from duplicate_screening where case_id = " + aId))
                .isEqualTo(1);
        DuplicateScreening.catchUp();
        assertThat(db.count("select count(*) from duplicate_screening where case_id = " + aId))
                .isZero();
        assertThat(db.count("select count(*) from duplicate_key where case_id = " + aId
                        + " and field = 'ONSET_DATE' and value = '2025-05-22'"))
                .as("indexed as of its latest version")
                .isEqualTo(1);
    }
}
