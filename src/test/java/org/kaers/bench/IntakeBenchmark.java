package org.kaers.bench;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;
import org.kaers.load.LoadReports;

/**
 * CPU per submission (issue 16) without the load harness: posts varied reports ({@link LoadReports}) over HTTP
 * from a few threads, after a warm-up, and prints this JVM's CPU and the database backends' CPU per report
 * ({@link CpuMeter}), in three parts so that their shares are known:
 *
 * <ol>
 *   <li>submissions as the API takes them: screened at intake with {@code -Dkaers.duplicates.screen-at-intake=true}
 *       (the behaviour before issue 16), only queued by default;
 *   <li>the worker screening what part 1 left queued (POST /api/v1/duplicates/screening/catch-up; nothing with
 *       screening at intake);
 *   <li>the statistics aggregates folding every case submitted (POST /api/v1/stats/aggregates/catch-up).
 * </ol>
 *
 * and the sum of parts 1 and 2, what a report costs until it is screened. Before and after are two runs of the same
 * command on databases in the same state, one with {@code -Dkaers.duplicates.screen-at-intake=true} added. The
 * aggregate worker and the screening worker should be off in this JVM, so that their work is measured only in parts
 * 2 and 3 (with the screening worker on, part 1 includes its screening of part 1's cases, as in production): run with
 * {@code ./mvnw -B -o -Pbench test -Dtest=IntakeBenchmark -Dtest.jvm.args="-Xmx1g -XX:+UseParallelGC
 * -DKAERS_TEST_DB_URL=jdbc:postgresql://localhost:5432/kaers_hb -Dquarkus.http.test-port=0
 * -Dkaers.stats.aggregate-interval=off -Dkaers.duplicates.screening-interval=off -Dkaers.signals.refit-check=off"}.
 * Options: {@code -Dbench.reports=N} (default 1500 per part), {@code -Dbench.threads=T} (default 4),
 * {@code -Dbench.warmup=W} (default 1500), {@code -Dbench.stored=S} (reports stored before the warm-up, so that
 * screening meets a database of some size; default 0). Figures are CPU seconds, not wall time.
 */
@QuarkusTest
@Tag("benchmark")
class IntakeBenchmark {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String reporter = Tokens.of("bench-reporter@kaers", "REPORTER");
    private final String admin = Tokens.of("bench-admin@kaers", "ADMIN");
    private final AtomicLong seeds = new AtomicLong(1);
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    @Test
    void cpuPerSubmission() throws Exception {
        int reports = Integer.getInteger("bench.reports", 1500);
        int threads = Integer.getInteger("bench.threads", 4);
        int warmup = Integer.getInteger("bench.warmup", 1500);
        int stored = Integer.getInteger("bench.stored", 0);
        CpuMeter meter = new CpuMeter(System.getProperty("KAERS_TEST_DB_URL", System.getenv("KAERS_TEST_DB_URL")));
        System.out.printf(
                "%n=== intake benchmark: %d reports per part, %d threads, warm-up %d, %d stored first ===%n",
                reports, threads, warmup, stored);
        if (stored > 0) {
            submit(stored, threads);
        }
        submit(warmup, threads);
        catchUpScreening(meter, "(warm-up's queue, discarded)", 0);
        foldAggregates(meter, "(warm-up's changes, discarded)", 0);

        boolean atIntake = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("kaers.duplicates.screen-at-intake", Boolean.class)
                .orElse(false);
        double[] submitted = part(
                meter,
                atIntake ? "1 submit, screening at intake" : "1 submit, queued for the worker",
                reports,
                threads);
        double[] worker = catchUpScreening(meter, "2 screening by the worker", reports);
        double[] fold = foldAggregates(meter, "3 aggregates fold", reports);
        System.out.printf(
                "screen-at-intake=%s: submit + screening %.2f / %.2f ms per report, the fold %.2f / %.2f ms"
                        + " (service / PostgreSQL; load average %s)%n",
                atIntake, submitted[0] + worker[0], submitted[1] + worker[1], fold[0], fold[1], loadAverage());
    }

    /** Submits {@code n} reports from {@code threads} threads; prints and returns CPU ms per report {jvm, pg}. */
    private double[] part(CpuMeter meter, String name, int n, int threads) throws Exception {
        CpuMeter.Reading before = meter.read();
        long start = System.nanoTime();
        submit(n, threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Reading cpu = meter.read().minus(before);
        double[] perReport = {cpu.jvm() * 1000 / n, cpu.postgres() * 1000 / n};
        System.out.printf(
                "%-34s %6d reports %6.1f/s  CPU per report: service %.2f ms, PostgreSQL %.2f ms  (load average %s)%n",
                name, n, n / seconds, perReport[0], perReport[1], loadAverage());
        return perReport;
    }

    private void submit(int n, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicLong left = new AtomicLong(n);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        post();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void post() throws Exception {
        long seed = seeds.getAndIncrement();
        String key = "bench-" + run + "-" + seed;
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/reports"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + reporter)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(LoadReports.json(LoadReports.report(seed, key))))
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("submission answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    /** Screens everything queued through the catch-up endpoint; prints and returns CPU ms per case {jvm, pg}. */
    private double[] catchUpScreening(CpuMeter meter, String name, long perReports) throws Exception {
        return measured(meter, name, perReports, () -> {
            long screened = 0;
            while (true) {
                String body = admin("api/v1/duplicates/screening/catch-up");
                long pending = number(body, "pending");
                screened++;
                if (pending == 0 || screened > 1000) {
                    return;
                }
            }
        });
    }

    private double[] foldAggregates(CpuMeter meter, String name, long perReports) throws Exception {
        return measured(meter, name, perReports, () -> admin("api/v1/stats/aggregates/catch-up"));
    }

    private interface Work {
        void run() throws Exception;
    }

    private double[] measured(CpuMeter meter, String name, long perReports, Work work) throws Exception {
        CpuMeter.Reading before = meter.read();
        work.run();
        CpuMeter.Reading cpu = meter.read().minus(before);
        if (perReports == 0) {
            System.out.printf("%-34s service %.1f s, PostgreSQL %.1f s of CPU%n", name, cpu.jvm(), cpu.postgres());
            return new double[] {0, 0};
        }
        double[] per = {cpu.jvm() * 1000 / perReports, cpu.postgres() * 1000 / perReports};
        System.out.printf(
                "%-34s %6d reports  CPU per report: service %.2f ms, PostgreSQL %.2f ms%n",
                name, perReports, per[0], per[1]);
        return per;
    }

    private String admin(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(15))
                .header("Authorization", "Bearer " + admin)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private static long number(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)")
                .matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
