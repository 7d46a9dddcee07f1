package org.kaers.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;

/**
 * Streams the whole line listing of {@code bench.rows} (1,000,000) cases as CSV and NDJSON over HTTP and samples
 * the server's heap (same JVM; after a full GC) at every tenth of the rows read: a streamed export keeps it flat.
 * The facts are inserted directly (shaped as the fold writes them: 12 values a case) and deleted afterwards.
 * {@code ./mvnw -B -Pbench test -Dtest=ExportBenchmark -Dtest.jvm.args="-Xmx256m -XX:+UseParallelGC -DKAERS_TEST_DB_URL=jdbc:postgresql://localhost:5432/kaers_k18b"}
 */
@QuarkusTest
@Tag("benchmark")
class ExportBenchmark {

    private static final long BASE_ID = 4_000_000_000L;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/api/v1/stats/line-listing")
    URL listing;

    @Test
    void aMillionRowsStreamInConstantMemory() throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("delete from stats_fact where case_id >= " + BASE_ID);
            s.execute("""
                    insert into stats_fact (case_id, period, vals)
                    select %d + g, 202001 + (g %% 12),
                           array['*', 'ageGroup=ADULT', 'country=US', 'criterion=HOSPITALIZATION',
                                 'organClass=NERVOUS_SYSTEM', 'outcome=RECOVERED', 'product=' || (g %% 500),
                                 'productForm=POWDER', 'serious=' || (g %% 3 = 0),
                                 'sex=' || case when g %% 2 = 0 then 'FEMALE' else 'MALE' end, 'source=DIRECT',
                                 'substance=KRATOM', 'symptom=KT00' || (10 + g %% 80)]::text[]
                    from generate_series(1, %d) g""".formatted(BASE_ID, rows));
        }
        try {
            for (String type : List.of("text/csv", "application/x-ndjson")) {
                measure(type, rows);
            }
        } finally {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("delete from stats_fact where case_id >= " + BASE_ID);
            }
        }
    }

    private void measure(String type, int rows) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(listing.toString()))
                .header("Accept", type)
                .header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .GET()
                .build();
        long baseline = heapAfterGc();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<long[]> samples = new ArrayList<>();
        long lines = 0;
        long bytes = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                bytes += line.length() + 1;
                if (lines % (rows / 10) == 0) {
                    samples.add(new long[] {lines, heapAfterGc()});
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long dataRows = type.equals("text/csv") ? lines - 1 : lines;
        assertThat(dataRows).isGreaterThanOrEqualTo(rows);
        System.out.printf(
                "%n%s: %,d rows, %,d MB in %.1f s (%,.0f rows/s); heap before %d MB%n",
                type, dataRows, bytes >> 20, seconds, dataRows / seconds, baseline >> 20);
        System.out.println("rows read | server+client heap after GC (MB)");
        samples.forEach(s -> System.out.printf("%,9d | %d%n", s[0], s[1] >> 20));
        long first = samples.get(0)[1];
        long max = samples.stream().mapToLong(s -> s[1]).max().orElseThrow();
        System.out.printf("growth from 10%% to the peak: %d MB for %,d MB written%n", (max - first) >> 20, bytes >> 20);
        // flat: the heap may move by the GC's noise, never by the size of what was written
        assertThat(max - first).isLessThan(Math.max(32L << 20, bytes / 20));
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
