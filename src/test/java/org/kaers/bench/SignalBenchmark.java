package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.signals.PriorStore;

/**
 * Times the EBGM prior fit and full signal tables over the cases {@link StatsBenchmark} seeded (run that first;
 * this one keeps the database):
 * {@code ./mvnw -B -Pbench test -Dtest=SignalBenchmark -D%test.quarkus.flyway.clean-at-start=false}.
 */
@QuarkusTest
@Tag("benchmark")
class SignalBenchmark {

    @Inject
    DataSource dataSource;

    @Inject
    PriorStore priors;

    @Test
    void signalLatency() throws Exception {
        long cases;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select count(*) from stats_fact");
            r.next();
            cases = r.getLong(1);
        }
        if (cases == 0) {
            throw new IllegalStateException("no aggregated cases: run StatsBenchmark first, then this with "
                    + "-D%test.quarkus.flyway.clean-at-start=false");
        }
        int fits = Integer.getInteger("bench.fits", 3);
        long[] fitNanos = new long[fits];
        String diagnostics = "";
        for (int i = 0; i < fits; i++) {
            long start = System.nanoTime();
            var prior = priors.fit(org.kaers.signals.PriorLevel.SYMPTOM, "benchmark")
                    .orElseThrow();
            fitNanos[i] = System.nanoTime() - start;
            diagnostics = "%d cells, %d points, converged %s (%d of %d starts), %d evaluations"
                    .formatted(
                            prior.cells(),
                            prior.points(),
                            prior.converged(),
                            prior.startsConverged(),
                            prior.starts(),
                            prior.evaluations());
        }
        String product = given().get("/api/v1/products/match?name=Maeng Da Kratom")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();
        String[][] queries = {
            {"signal table, one product x every symptom", "product=" + product},
            {"signal table, substance KRATOM x every symptom", "substance=KRATOM"},
            {"signal table, one product x organ classes", "product=" + product + "&against=organClass"},
            {"signal table, one product, serious=true (raw rows)", "product=" + product + "&serious=true"}
        };
        HttpClient http = HttpClient.newHttpClient();
        int rounds = Integer.getInteger("bench.rounds", 200);
        int warmUp = Integer.getInteger("bench.warm-up", 50);
        System.out.printf(
                "%n=== Signal benchmark: %,d counted cases; each table %d times after %d warm-up rounds ===%n",
                cases, rounds, warmUp);
        System.out.println(Timings.summary("EBGM prior fit (" + diagnostics + ")", fitNanos));
        for (String[] q : queries) {
            URI uri = URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/signals?" + q[1]);
            int n = q[0].contains("raw rows") ? Math.max(3, rounds / 40) : rounds;
            for (int i = 0; i < (q[0].contains("raw rows") ? 1 : warmUp); i++) {
                http.send(
                        HttpRequest.newBuilder(uri)
                                .header(
                                        "Authorization",
                                        org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri)
                                .header(
                                        "Authorization",
                                        org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new AssertionError(q[0] + ": " + response.statusCode() + " " + response.body());
                }
            }
            System.out.println(Timings.summary(q[0], nanos));
        }
        System.out.println();
    }
}
