package org.kaers.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

/**
 * The batched intake through HTTP (issue 16, {@link IntakeBatcher}): submissions queued while the writers are paused
 * go into ONE batch when they resume, so each test knows what its batch held.
 */
@QuarkusTest
class IntakeBatchTest {

    private static final String AUDITED_SUBMISSIONS =
            "select count(*) from audit_event where action = 'POST' and resource = '/api/v1/reports' and status = 201";

    @Inject
    TestDatabase db;

    @Inject
    IntakeBatcher batcher;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService clients = Executors.newFixedThreadPool(24);

    @AfterEach
    void resumeAndStop() {
        batcher.resume();
        clients.shutdownNow();
    }

    /** A submission sent by a client thread: its key (null: none), its body and, later, its answer. */
    private record Sent(String key, ObjectNode body, Future<Response> answer) {}

    private Sent send(String key, ObjectNode body) {
        String json = body.toString();
        return new Sent(key, body, clients.submit(() -> {
            var request = given().contentType(ContentType.JSON).body(json);
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return request.when().post("/api/v1/reports");
        }));
    }

    /** Pauses the writers, sends, waits until every submission is queued, resumes: one batch. */
    private List<Sent> inOneBatch(List<java.util.function.Supplier<Sent>> submissions) throws Exception {
        batcher.pause();
        List<Sent> sent = new ArrayList<>();
        submissions.forEach(s -> sent.add(s.get()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (batcher.waiting() < sent.size()) {
            assertThat(System.nanoTime()).as("submissions queued").isLessThan(deadline);
            Thread.sleep(10);
        }
        batcher.resume();
        for (Sent s : sent) {
            s.answer().get(60, TimeUnit.SECONDS);
        }
        return sent;
    }

    private DistributionSummary sizes() {
        return metrics.find("kaers.intake.batch.size").summary();
    }

    /** The batch path's timers (queue wait, statements, commit). */
    private io.micrometer.core.instrument.Timer timer(String name) {
        return metrics.find("kaers.intake.batch." + name).timer();
    }

    @Test
    void concurrentSubmissionsInOneBatchEachGetTheirOwnCase() throws Exception {
        String run = CaseReports.uniqueToken();
        long batches = sizes().count();
        double written = sizes().totalAmount();
        long waited = timer("wait").count();
        long committed = timer("commit").count();
        long stated = timer("statements").count();
        long audited = db.count(AUDITED_SUBMISSIONS);
        List<java.util.function.Supplier<Sent>> submissions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = run + "-" + i;
            // half with a key, half without
            String key = i % 2 == 0 ? name : null;
            submissions.add(() -> send(key, CaseReports.withProduct(name)));
        }
        List<Sent> sent = inOneBatch(submissions);

        assertThat(sizes().count()).as("batches").isEqualTo(batches + 1);
        assertThat(sizes().totalAmount() - written).as("submissions in them").isEqualTo(20);
        assertThat(timer("wait").count() - waited).as("queue waits timed").isEqualTo(20);
        assertThat(timer("commit").count() - committed).as("commits timed").isEqualTo(1);
        assertThat(timer("statements").count() - stated).as("statements timed").isEqualTo(1);
        Set<String> numbers = new HashSet<>();
        for (Sent s : sent) {
            Response r = s.answer().get();
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.header("Idempotent-Replayed")).isNull();
            assertThat(r.header("ETag")).isEqualTo("\"1\"");
            String caseNumber = r.path("caseNumber");
            assertThat(r.header("Location")).endsWith("/api/v1/reports/" + caseNumber);
            String product = s.body().path("products").path(0).path("name").asText();
            assertThat(r.<String>path("report.products[0].name")).isEqualTo(product);
            numbers.add(caseNumber);
            // as stored: read back through the API, the same body
            assertThat(given().get("/api/v1/reports/" + caseNumber)
                            .then()
                            .statusCode(200)
                            .extract()
                            .<String>path("report.products[0].name"))
                    .isEqualTo(product);
            assertThat(db.count("select count(*) from case_report c join case_version v on v.case_id = c.id "
                            + "join case_product p on p.case_version_id = v.id where c.case_number = '"
                            + caseNumber + "' and p.name_reported = '" + product + "'"))
                    .isEqualTo(1);
        }
        assertThat(numbers).hasSize(20);
        assertThat(db.count("select count(*) from case_product where name_reported like '" + run + "-%'"))
                .isEqualTo(20);
        assertThat(db.count("select count(*) from idempotency_record where case_number in ('"
                        + String.join("','", numbers) + "')"))
                .isEqualTo(10);
        assertThat(db.count("select count(*) from duplicate_screening s join case_report c on c.id = s.case_id "
                        + "where c.case_number in ('" + String.join("','", numbers) + "')"))
                .as("queued for duplicate screening (or screened already)")
                .isLessThanOrEqualTo(20);
        // one audit row per stored submission, written with the batch, none twice
        assertThat(db.count(AUDITED_SUBMISSIONS) - audited).isEqualTo(20);
    }

    @Test
    void aBadSubmissionAmongGoodOnesFailsAlone() throws Exception {
        String run = CaseReports.uniqueToken();
        long audited = db.count(AUDITED_SUBMISSIONS);
        ObjectNode bad = CaseReports.withProduct(run + "-bad");
        // passes validation, refused by PostgreSQL (text cannot hold NUL): the batch fails, then each alone
        bad.put("narrative", "before\u0000after");
        List<java.util.function.Supplier<Sent>> submissions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = run + "-" + i;
            submissions.add(() -> send(name, CaseReports.withProduct(name)));
        }
        submissions.add(3, () -> send(run + "-bad", bad));
        List<Sent> sent = inOneBatch(submissions);

        for (Sent s : sent) {
            Response r = s.answer().get();
            if (s.body() == bad) {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.asString())
                        .doesNotContain("before")
                        .doesNotContain("insert")
                        .doesNotContain("copy");
            } else {
                assertThat(r.statusCode()).isEqualTo(201);
            }
        }
        assertThat(db.count("select count(*) from case_product where name_reported like '" + run + "-%'"))
                .isEqualTo(6);
        assertThat(db.count("select count(*) from case_product where name_reported = '" + run + "-bad'"))
                .isZero();
        assertThat(db.count(AUDITED_SUBMISSIONS) - audited).isEqualTo(6);
        // the bad one's key was not claimed: sent again, fixed, it is stored
        bad.put("narrative", "before and after");
        given().contentType(ContentType.JSON)
                .header("Idempotency-Key", run + "-bad")
                .body(bad.toString())
                .post("/api/v1/reports")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", (String) null);
    }

    @Test
    void theSameKeyTwiceInOneBatchIsStoredOnceAndReplayed() throws Exception {
        String key = CaseReports.uniqueToken();
        ObjectNode body = CaseReports.withProduct(key);
        ObjectNode other = CaseReports.withProduct(key + "-other");
        String reused = CaseReports.uniqueToken();
        List<Sent> sent = inOneBatch(List.of(
                () -> send(key, body),
                () -> send(reused, CaseReports.withProduct(reused)),
                () -> send(key, body),
                () -> send(reused, other)));

        Response a = sent.get(0).answer().get();
        Response b = sent.get(2).answer().get();
        assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(201);
        assertThat(a.<String>path("caseNumber")).isEqualTo(b.path("caseNumber"));
        assertThat(new HashSet<>(List.of(
                        String.valueOf(a.header("Idempotent-Replayed")),
                        String.valueOf(b.header("Idempotent-Replayed")))))
                .containsExactlyInAnyOrder("null", "true");
        assertThat(db.count("select count(*) from case_product where name_reported = '" + key + "'"))
                .isEqualTo(1);
        // the same key with another body: one of the two is stored, the other is 422 and stores nothing
        List<Integer> statuses = List.of(
                sent.get(1).answer().get().statusCode(),
                sent.get(3).answer().get().statusCode());
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        assertThat(db.count("select count(*) from case_product where name_reported in ('" + reused + "', '" + key
                        + "-other')"))
                .isEqualTo(1);
    }

    @Test
    void aKeyStoredInOneBatchIsReplayedInAnother() throws Exception {
        String key = CaseReports.uniqueToken();
        ObjectNode body = CaseReports.withProduct(key);
        Response first =
                inOneBatch(List.of(() -> send(key, body))).get(0).answer().get();
        first.then().statusCode(201);
        long audited = db.count(AUDITED_SUBMISSIONS);
        List<Sent> again = inOneBatch(List.of(
                () -> send(key, body),
                () -> send(key + "-new", CaseReports.withProduct(key + "-new")),
                () -> send(key, CaseReports.withProduct(key + "-changed"))));
        Response replay = again.get(0).answer().get();
        replay.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replay.asString()).isEqualTo(first.asString());
        again.get(1).answer().get().then().statusCode(201);
        again.get(2).answer().get().then().statusCode(422);
        assertThat(db.count("select count(*) from case_product where name_reported like '" + key + "%'"))
                .isEqualTo(2);
        // the new case's row with the batch, the replay's by the filter; the refusal is a 422 row
        assertThat(db.count(AUDITED_SUBMISSIONS) - audited).isEqualTo(2);
    }
}
