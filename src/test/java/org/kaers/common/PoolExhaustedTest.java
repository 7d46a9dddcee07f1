package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every pooled connection busy for longer than the acquisition timeout (as when requests pile up behind a
 * database restart): the request waits 1 s, then gets 503 problem+json with Retry-After, not a 500; once a
 * connection is free the same request succeeds. Readiness stays UP meanwhile: the database is reachable.
 * Requests beyond {@code kaers.http.max-in-flight} (3 here) do not wait at all: they are 503 with Retry-After
 * (1 to 3 s, at random) at the door (Admission), and the slots are given back once the answers are out.
 */
@QuarkusTest
@TestProfile(PoolExhaustedTest.TwoConnections.class)
class PoolExhaustedTest {

    public static class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size",
                    "2",
                    "quarkus.datasource.jdbc.min-size",
                    "0",
                    "quarkus.datasource.jdbc.acquisition-timeout",
                    "1S",
                    "quarkus.datasource.jdbc.login-timeout",
                    "1S",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.signals.refit-check",
                    "off",
                    "kaers.http.max-in-flight",
                    "3");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aRequestThatFindsNoConnectionIs503ThenSucceeds() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            held.add(dataSource.getConnection());
            held.add(dataSource.getConnection());
            Response refused = given().get("/api/v1/reports");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("2");
            assertThat(refused.jsonPath().getString("type")).isEqualTo("urn:kaers:problem:service-unavailable");
            // the database itself is reachable: the instance stays ready (the check does not borrow from the pool)
            given().get("/q/health/ready").then().statusCode(200);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        given().get("/api/v1/reports").then().statusCode(200);
    }

    @Inject
    Admission admission;

    @Test
    void beyondTheInFlightLimitTheAnswerIsAnImmediate503() throws Exception {
        List<Connection> held = new ArrayList<>();
        List<Response> answers;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            held.add(dataSource.getConnection());
            held.add(dataSource.getConnection());
            // eight at once against a limit of three: three wait the pool's 1 s and get its 503 (Retry-After 2),
            // the other five are refused at the door at once
            // (all eight released together, so they arrive within the pool's 1 s wait)
            CountDownLatch ready = new CountDownLatch(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    return given().get("/api/v1/reports");
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            answers = new ArrayList<>();
            for (Future<Response> f : sent) {
                answers.add(f.get(30, TimeUnit.SECONDS));
            }
            // the probes are not counted against the limit
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            clients.shutdownNow();
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("type")).isEqualTo("urn:kaers:problem:service-unavailable");
        });
        List<Response> shed = answers.stream()
                .filter(r -> r.jsonPath().getString("detail").contains("at its capacity (3 requests in progress)"))
                .toList();
        assertThat(shed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(shed).allSatisfy(r -> assertThat(r.header("Retry-After")).isIn("1", "2", "3"));
        assertThat(answers.size() - shed.size()).isLessThanOrEqualTo(3);
        // every slot is given back: nothing stays in progress, and requests are served again
        // (a slot is given back by the response's end handler, which may run just after the client has its answer)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (admission.inFlight() != 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(admission.inFlight()).isZero();
        given().get("/api/v1/reports").then().statusCode(200);
    }
}
