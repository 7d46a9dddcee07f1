package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;

/**
 * How fast imported cases are screened for duplicates (issue 17): imports CAERS-shaped files ({@link CaersShapedFile})
 * of {@code -Dbench.rows} rows (default {@code 10000,40000}) one after the other, with the screening worker off
 * ({@code -Dkaers.duplicates.screening-interval=off}), and after each times the screening of the queued cases through
 * {@code POST /duplicates/screening/catch-up} (1,000 a request), all of them or at most {@code -Dbench.screen}; prints
 * cases per second at each size and the ratio of the last to the first. Run:
 * {@code ./mvnw -B -Pbench test -Dtest=DuplicateScreeningBenchmark -Dtest.jvm.args="-Xmx2g ... -Dkaers.duplicates.screening-interval=off"}.
 */
@QuarkusTest
@Tag("benchmark")
class DuplicateScreeningBenchmark {

    @Inject
    TestDatabase db;

    @Test
    void screeningRateOfImportedCases() throws IOException, InterruptedException {
        int screen = Integer.getInteger("bench.screen", Integer.MAX_VALUE);
        List<double[]> rates = new ArrayList<>();
        System.out.printf("%n=== duplicate screening of imported cases ===%n");
        for (String s : System.getProperty("bench.rows", "10000,40000").split(",")) {
            int size = Integer.parseInt(s.strip());
            Path file = Path.of("target", "bench-screening-" + size + ".csv");
            new CaersShapedFile(7 + size).write(file, size, "D" + size + "-");
            CaersImportBenchmark.run("import " + size + " rows", file);
            Files.deleteIfExists(file);
            long cases = db.count("select count(*) from case_report");
            long queued = db.count("select count(*) from duplicate_screening");
            long start = System.nanoTime();
            int screened = 0;
            while (screened < screen) {
                JsonPath done = given().queryParam("max", Math.min(1000, screen - screened))
                        .post("/api/v1/duplicates/screening/catch-up")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                screened += done.getInt("screened");
                if (done.getInt("screened") == 0 || done.getLong("pending") == 0) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = screened / seconds;
            System.out.printf(
                    "%,d cases stored, %,d queued: %,d screened in %.1f s (%.1f cases/s), %,d suspects in all,"
                            + " %,d keys indexed%n",
                    cases,
                    queued,
                    screened,
                    seconds,
                    rate,
                    db.count("select count(*) from duplicate_suspect"),
                    db.count("select count(*) from duplicate_key"));
            rates.add(new double[] {cases, rate});
        }
        double[] first = rates.get(0);
        double[] last = rates.get(rates.size() - 1);
        System.out.printf(
                "screening rate at %,.0f cases / at %,.0f cases: %.2f%n", last[0], first[0], last[1] / first[1]);
    }
}
