package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;

/**
 * Imports generated CAERS exports with the shape of FDA's real 2004-2017 file ({@link CaersShapedFile}) of
 * 100,000 and 1,000,000 rows ({@code -Dbench.rows=100000,1000000}), one after the other into the same
 * database, each posted as a job (202) and then posted again (every report unchanged), and prints rows per second
 * of each (from the job's start to its end) and the ratio of the largest to the smallest: the cost per row must
 * not grow with the data already stored. {@code -Dbench.catchup=true} also times the statistics worker;
 * {@code -Dbench.warm-up-rows=N} first imports another file of N rows (other names and report numbers), so that
 * the figures are those of a warm service; {@code -Dbench.until-folded=true} (with the aggregate worker on, as a
 * deployment runs it) times the first import's post to no statistics pending (an empty {@code stats_queue});
 * the first import and the catch-up also print the server's WAL and buffer writes ({@link ServerStats});
 * {@code -Dbench.compare=true} first imports a file of the same shape and size with the cases written through the
 * ORM ({@link org.kaers.report.CaseImports#ORM_WRITER}, the way before the bulk writer) and prints the ratio.
 * Run: {@code ./mvnw -B -Pbench test -Dtest=CaersImportBenchmark}.
 */
@QuarkusTest
@Tag("benchmark")
class CaersImportBenchmark {

    @Inject
    TestDatabase db;

    @Test
    void importRealShapedFiles() throws IOException, InterruptedException {
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.rows", "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.strip()));
        }
        boolean catchUp = Boolean.getBoolean("bench.catchup");
        int refolds = Integer.getInteger("bench.refold", 0);
        if (refolds > 0) {
            refold(refolds);
            return;
        }
        List<double[]> rates = new ArrayList<>();
        System.out.printf("%n=== CAERS import benchmark (FDA 2004-2017 shape) ===%n");
        int warmUpRows = Integer.getInteger("bench.warm-up-rows", 0);
        if (warmUpRows > 0) {
            // A file of the same shape with other report numbers and names, imported first: the figures after it
            // are those of a service that has imported before (JIT compilation done), not of a fresh JVM.
            Path warm = Path.of("target", "bench-caers-warm-" + warmUpRows + ".csv");
            new CaersShapedFile(99 + warmUpRows).write(warm, warmUpRows, "W" + warmUpRows + "-");
            long warmPosted = System.nanoTime();
            run("warm-up import (other file)", warm);
            if (Boolean.getBoolean("bench.until-folded")) {
                // its backlog folded before the measured import, not beside it
                untilFolded(warmPosted, System.nanoTime());
            }
            Files.deleteIfExists(warm);
        }
        for (int size : sizes) {
            Path file = Path.of("target", "bench-caers-" + size + ".csv");
            long genStart = System.nanoTime();
            int reports = new CaersShapedFile(42 + size).write(file, size, "S" + size + "-");
            long products = db.count("select count(*) from product");
            System.out.printf(
                    "%,d rows, %,d reports, %,d bytes generated in %.1f s; %,d products stored before%n",
                    size, reports, Files.size(file), (System.nanoTime() - genStart) / 1e9, products);
            if (Boolean.getBoolean("bench.compare")) {
                // Before/after in one run: a file of the same shape and size (other seed, other report numbers)
                // imported first with the cases written through the ORM, as before the bulk writer.
                Path before = Path.of("target", "bench-caers-orm-" + size + ".csv");
                new CaersShapedFile(7 + size).write(before, size, "B" + size + "-");
                System.setProperty(org.kaers.report.CaseImports.ORM_WRITER, "true");
                double orm;
                try {
                    orm = run("first import, ORM writer", before);
                } finally {
                    System.clearProperty(org.kaers.report.CaseImports.ORM_WRITER);
                    Files.deleteIfExists(before);
                }
                double bulk = run("first import, bulk writer", file);
                System.out.printf(
                        "%-28s %.2f (rate of the bulk writer / rate of the ORM writer)%n", "ratio", bulk / orm);
                rates.add(new double[] {size, bulk, run("re-import (all unchanged)", file)});
                Files.deleteIfExists(file);
                continue;
            }
            ServerStats before = ServerStats.read(db);
            long postedAt = System.nanoTime();
            double first = run("first import", file);
            long importedAt = System.nanoTime();
            System.out.printf("%-28s %s%n", "", ServerStats.read(db).since(before));
            if (Boolean.getBoolean("bench.until-folded")) {
                untilFolded(postedAt, importedAt);
            }
            System.out.printf(
                    "%-28s products now %,d, product names coded %,d%n",
                    "", db.count("select count(*) from product"), db.count("select count(*) from product_name_coding"));
            if (catchUp) {
                catchUp();
            }
            double again = run("re-import (all unchanged)", file);
            rates.add(new double[] {size, first, again});
            Files.deleteIfExists(file);
        }
        if (rates.size() > 1) {
            double[] small = rates.get(0);
            double[] large = rates.get(rates.size() - 1);
            System.out.printf(
                    "rate at %,.0f rows / rate at %,.0f rows: first import %.2f, re-import %.2f%n",
                    large[0], small[0], large[1] / small[1], large[2] / small[2]);
        }
    }

    /**
     * {@code -Dbench.refold=N} (with {@code -D%test.quarkus.flyway.clean-at-start=false}, on a database a run
     * with {@code -Dbench.catchup=true} left behind): N times, empties the aggregates, queues every stored case as
     * an import does (per chunk of 500 cases, each case once for its row and once more for its outcomes) and times
     * the catch-up, so that the fold can be re-timed without importing again.
     */
    private void refold(int rounds) {
        long cases = db.count("select count(*) from case_report");
        System.out.printf("%,d cases stored; re-folding them %d times%n", cases, rounds);
        for (int i = 0; i < rounds; i++) {
            db.execute("truncate stats_cell, stats_fact, stats_queue");
            db.execute("insert into stats_queue (case_id) select id from case_report, generate_series(1, 2) c"
                    + " order by id / 500, c, id");
            db.execute("vacuum analyze stats_queue");
            catchUp();
        }
        System.out.printf(
                "%-28s %,d cells, %,d facts, stats_cell %s with its indexes%n",
                "",
                db.count("select count(*) from stats_cell"),
                db.count("select count(*) from stats_fact"),
                db.string("select pg_size_pretty(pg_total_relation_size('stats_cell'))"));
    }

    /**
     * Waits for the aggregate worker (not the catch-up endpoint) to empty {@code stats_queue} and prints the time
     * from the import's post and from its end (as seen by the benchmark's 1-s poll of the job, so up to 1 s late).
     */
    private void untilFolded(long postedAt, long importedAt) throws InterruptedException {
        ServerStats before = ServerStats.read(db);
        while (db.count("select count(*) from stats_queue") > 0) {
            Thread.sleep(250);
        }
        long now = System.nanoTime();
        System.out.printf(
                "%-28s %7.1f s from the post (%.1f s after the import's end)%n",
                "statistics caught up", (now - postedAt) / 1e9, (now - importedAt) / 1e9);
        System.out.printf(
                "%-28s %s (after the import's end)%n", "", ServerStats.read(db).since(before));
    }

    /**
     * Cluster-wide counters of {@code pg_stat_wal} and {@code pg_stat_bgwriter} (8 KB pages written by the
     * checkpointer, the background writer and the backends themselves), to see what a phase cost in WAL and in page
     * writes beside its CPU; meaningful on a cluster of its own.
     */
    record ServerStats(
            long walRecords,
            long walFpi,
            long walBytes,
            long checkpoints,
            long buffersCheckpoint,
            long buffersClean,
            long buffersBackend) {

        static ServerStats read(TestDatabase db) {
            String[] f = db.string("select concat_ws(',', w.wal_records, w.wal_fpi, w.wal_bytes,"
                            + " b.checkpoints_timed + b.checkpoints_req, b.buffers_checkpoint, b.buffers_clean,"
                            + " b.buffers_backend) from pg_stat_wal w, pg_stat_bgwriter b")
                    .split(",");
            long[] v = new long[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = Long.parseLong(f[i]);
            }
            return new ServerStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        }

        String since(ServerStats b) {
            return String.format(
                    "WAL %,d MB (%,d records, %,d full-page images), %d checkpoints, pages written: "
                            + "checkpointer %,d MB, background writer %,d MB, backends %,d MB",
                    (walBytes - b.walBytes) >> 20,
                    walRecords - b.walRecords,
                    walFpi - b.walFpi,
                    checkpoints - b.checkpoints,
                    (buffersCheckpoint - b.buffersCheckpoint) >> 7,
                    (buffersClean - b.buffersClean) >> 7,
                    (buffersBackend - b.buffersBackend) >> 7);
        }
    }

    /** Times the catch-up of every queued change over HTTP, with the CPU seconds it took. */
    private void catchUp() {
        ServerStats server = ServerStats.read(db);
        CpuMeter meter = new CpuMeter(System.getProperty("KAERS_TEST_DB_URL", System.getenv("KAERS_TEST_DB_URL")));
        CpuMeter.Reading cpuBefore = meter.read();
        long foldStart = System.nanoTime();
        long folded = given().post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("folded");
        double seconds = (System.nanoTime() - foldStart) / 1e9;
        CpuMeter.Reading cpu = meter.read().minus(cpuBefore);
        System.out.printf(
                "%-28s %7.1f s  %,d changes folded (%.0f cases/s)%n",
                "aggregates catch-up", seconds, folded, folded / seconds);
        System.out.printf(
                "%-28s CPU: JVM %.1f s, PostgreSQL backends %.1f s, total %.1f s%n",
                "", cpu.jvm(), cpu.postgres(), cpu.jvm() + cpu.postgres());
        System.out.printf("%-28s %s%n", "", ServerStats.read(db).since(server));
    }

    /** Posts the file as a job, waits for it, prints and returns its rows per second. */
    static double run(String round, Path file) throws InterruptedException {
        CpuMeter meter = new CpuMeter(System.getProperty("KAERS_TEST_DB_URL", System.getenv("KAERS_TEST_DB_URL")));
        CpuMeter.Reading cpuBefore = meter.read();
        long start = System.nanoTime();
        var accepted = given().contentType("text/csv")
                .header("Prefer", "respond-async")
                .body(file.toFile())
                .post("/api/v1/imports/caers");
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(accepted.statusCode() + " " + accepted.asString());
        }
        String location = accepted.header("Location");
        double uploaded = (System.nanoTime() - start) / 1e9;
        JsonPath job;
        while (true) {
            job = given().get(location).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                break;
            }
            Thread.sleep(1000);
        }
        if (!job.getString("state").equals("SUCCEEDED")) {
            throw new IllegalStateException(job.prettify());
        }
        double seconds =
                Duration.between(Instant.parse(job.getString("startedAt")), Instant.parse(job.getString("finishedAt")))
                                .toMillis()
                        / 1000.0;
        double rate = job.getLong("rowsRead") / seconds;
        CpuMeter.Reading cpu = meter.read().minus(cpuBefore);
        System.out.printf(
                "%-28s %7.1f s  %,.0f rows/s, %,.0f reports/s (upload %.1f s) stored=%d unchanged=%d "
                        + "updated=%d rejected=%d rowsRejected=%d dataQuality=%d%n",
                round,
                seconds,
                rate,
                job.getLong("reportsRead") / seconds,
                uploaded,
                job.getLong("reportsStored"),
                job.getLong("reportsUnchanged"),
                job.getLong("reportsUpdated"),
                job.getLong("reportsRejected"),
                job.getLong("rowsRejected"),
                job.getLong("dataQualityProblems"));
        System.out.printf(
                "%-28s CPU: JVM %.1f s, PostgreSQL backends %.1f s, total %.1f s (wall %.1f s from the post)%n",
                "", cpu.jvm(), cpu.postgres(), cpu.jvm() + cpu.postgres(), (System.nanoTime() - start) / 1e9);
        StringBuilder kinds = new StringBuilder();
        cpu.jvmByKind().forEach((kind, s) -> kinds.append(String.format(", %s %.1f s", kind, s)));
        System.out.printf("%-28s JVM CPU by thread%s%n", "", kinds);
        return rate;
    }
}
