package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The readiness probe is public and passes no rate limit or admission control, and its check opens a connection
 * outside the pool: a flood of probes must not open one connection per request (it would use up PostgreSQL's
 * max_connections and keep the pool from reconnecting). Eight clients sending 25 probes each get answers, and
 * the checks behind them are a handful, not 200.
 */
@QuarkusTest
class ReadinessFloodTest {

    @Inject
    @org.eclipse.microprofile.health.Readiness
    DatabaseReadiness readiness;

    @Test
    void aFloodOfProbesOpensAFewConnectionsNotOnePerProbe() throws Exception {
        long before = readiness.checks();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sent.add(clients.submit(() -> given().get("/q/health/ready").statusCode()));
        }
        for (Future<Integer> f : sent) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }
        clients.shutdown();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        // one check per second of the flood at most (plus the first): bounded by time, not by the probes
        assertThat(readiness.checks() - before).isLessThanOrEqualTo(seconds + 2).isLessThan(200);
    }
}
