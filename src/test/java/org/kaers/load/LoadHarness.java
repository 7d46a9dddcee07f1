package org.kaers.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;
import org.kaers.load.LoadDriver.Answer;
import org.kaers.load.LoadDriver.Tally;

/**
 * Load and fault harness (issue #7), run against the packaged service and the local PostgreSQL:
 * {@code ./docker/local-db.sh && ./mvnw -B -Pload verify}. Not part of the test suite. Phases, in order:
 * start-up (time to ready, idle memory); warm-up; maximum-rate intake with statistics reads; the same row
 * writes by pgbench (the ceiling; ratio printed); intake at half the maximum rate; concurrent follow-ups to one
 * case; PostgreSQL restarted mid-load; the service SIGKILLed mid-load; then every acknowledged report is checked
 * in the database (present, complete, no duplicates) and the aggregates against a rebuild from the raw rows.
 * Figures go to stdout and to target/load/report.txt. The run fails if a guarantee is broken, never on a rate.
 */
@Tag("load")
class LoadHarness {

    static final String JDBC_URL = System.getProperty("load.jdbc-url", "jdbc:postgresql://localhost:5432/kaers_bench");
    static final String DB_USER = System.getenv().getOrDefault("KAERS_DB_USER", "kaers");
    static final String DB_PASSWORD = System.getenv().getOrDefault("KAERS_DB_PASSWORD", "kaers");

    private static final int PORT = Integer.getInteger("load.port", 8089);
    private static final int WORKERS = Integer.getInteger("load.workers", 16);
    private static final int SECONDS = Integer.getInteger("load.seconds", 30);
    private static final int WARMUP_SECONDS = Integer.getInteger("load.warmup-seconds", 90);
    private static final double READ_RATE = Double.parseDouble(System.getProperty("load.read-rate", "5"));
    /** Which optional phases run (start-up, warm-up, maximum rate and the final checks always do). */
    private static final String PHASES =
            System.getProperty("load.phases", "probes,ceiling,half,caches,replica,follow-ups,faults");
    /** The port of the hot standby the replica phase makes (default: the primary's + 1). */
    private static final int STANDBY_PORT =
            Integer.getInteger("load.standby-port", Integer.parseInt(LocalPostgres.port()) + 1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] READS = {
        "/api/v1/stats/counts?by=product", "/api/v1/stats/counts?by=symptom",
        "/api/v1/stats/counts?by=substance,symptom", "/api/v1/stats/counts?by=organClass&serious=true",
        "/api/v1/stats/counts?by=ageGroup,sex", "/api/v1/stats/trends?interval=MONTH&substance=KRATOM",
        "/api/v1/stats/summary?substance=KRATOM", "/api/v1/stats/counts?by=outcome&substance=KRATOM",
        "/api/v1/signals?substance=KRATOM&against=symptom"
    };

    private final String reporter = Tokens.of("load-reporter@kaers", "REPORTER");
    private final String researcher = Tokens.of("load-researcher@kaers", "RESEARCHER");
    private final String admin = Tokens.of("load-admin@kaers", "ADMIN");
    private final Path out = Path.of("target/load");
    private final StringBuilder report = new StringBuilder();
    /** Idempotency-Key to case number of every report the service acknowledged with 201. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    private final AtomicLong seeds = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private ServiceProcess service;
    private LoadDriver driver;

    @Test
    void run() throws Exception {
        Files.createDirectories(out);
        say("# KAERS load and fault run, " + java.time.Instant.now());
        say("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (memTotalMiB() / 1024) + " GiB; " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "; " + LocalPostgres.version() + "; service heap "
                + ServiceProcess.HEAP + "; " + WORKERS + " intake workers; statistics reads at " + READ_RATE + "/s");
        service = new ServiceProcess(PORT, out);
        driver = new LoadDriver(service.base(), 256);
        try {
            long startup = service.start(true);
            Thread.sleep(5000);
            say(String.format(
                    "start-up: %d ms from spawn to ready (empty database, migrations included); idle RSS %d MiB",
                    startup, service.rssMiB()));

            intake("warm-up (discarded)", WARMUP_SECONDS, 0, false);
            workOffBackground("the warm-up");
            settle();
            double max = intake("intake, maximum rate", SECONDS, 0, true);
            workOffBackground("the maximum-rate intake");
            if (PHASES.contains("probes")) {
                probes();
                workOffBackground("the probes");
            }
            if (PHASES.contains("ceiling")) {
                ceiling(max);
            }
            if (PHASES.contains("half")) {
                settle();
                intake("intake, half maximum rate", SECONDS, max / 2, true);
                workOffBackground("the half-rate intake");
            }
            if (PHASES.contains("caches")) {
                caches();
            }
            if (PHASES.contains("replica")) {
                replica();
            }
            if (PHASES.contains("follow-ups")) {
                followUpRace();
            }
            if (PHASES.contains("faults")) {
                databaseRestart(Math.max(20, max / 4));
                serviceKill(Math.max(20, max / 4));
            }
            verifyAcknowledged();
            verifyAggregates();
            service.stop();
            long restart = service.start(false);
            say(String.format(
                    "restart on a loaded database: %d ms to ready; idle RSS %d MiB", restart, service.rssMiB()));
            say(String.format("graceful shutdown (SIGTERM): %d ms", service.stop()));
        } finally {
            service.close();
            Files.writeString(out.resolve("report.txt"), report);
        }
    }

    // --- intake -------------------------------------------------------------------------------------------

    /**
     * Submits reports for {@code seconds}: closed loop with {@link #WORKERS} workers when {@code rate} is 0,
     * else open loop at {@code rate}; statistics reads at {@link #READ_RATE} meanwhile. Returns the intake rate.
     */
    private double intake(String name, int seconds, double rate, boolean print) throws Exception {
        Tally submits = new Tally("submit (201)");
        Tally reads = new Tally("statistics read (200)");
        Map<String, Tally> byQuery = new ConcurrentHashMap<>();
        AtomicLong maxRss = new AtomicLong();
        ExecutorService side = Executors.newFixedThreadPool(2);
        AtomicLong next = new AtomicLong();
        var readers = side.submit(() -> {
            if (READ_RATE <= 0) {
                return null;
            }
            LoadDriver.openLoop(
                    READ_RATE,
                    Duration.ofSeconds(seconds),
                    16,
                    scheduled -> {
                        String path = READS[(int) (next.getAndIncrement() % READS.length)];
                        String outcome = readOutcome(
                                driver.send(driver.request(path, researcher).GET()));
                        reads.record(outcome, scheduled);
                        byQuery.computeIfAbsent(path, Tally::new).record(outcome, scheduled);
                    },
                    reads);
            return null;
        });
        side.submit(() -> {
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                maxRss.accumulateAndGet(service.rssMiB(), Math::max);
                Thread.sleep(500);
            }
            return null;
        });
        long serviceCpu0 = service.cpuMillis();
        Map<String, Long> kinds0 = service.cpuByThreadKind();
        long serverCpu0 = LocalPostgres.serverCpuMillis();
        long harnessCpu0 = harnessCpuMillis();
        AtomicLong shedRetries = new AtomicLong();
        LoadDriver.Shot submit = scheduled -> {
            String key = nextKey();
            Answer a = submitOnce(key);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // shed at the door (503 + Retry-After + problem+json): retried with the same key and body, as a client
            // does; the latency recorded runs from the scheduled start to the final answer, so a shed is not hidden
            while (readOutcome(a).equals(SHED) && System.nanoTime() < deadline) {
                shedRetries.incrementAndGet();
                try {
                    Thread.sleep(Math.min(2000, 1000L * retryAfter(a)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                a = submitOnce(key);
            }
            submits.record(a.outcome(), scheduled);
        };
        if (rate <= 0) {
            LoadDriver.closedLoop(WORKERS, Duration.ofSeconds(seconds), submit, submits);
        } else {
            LoadDriver.openLoop(rate, Duration.ofSeconds(seconds), 64, submit, submits);
        }
        readers.get();
        long serviceCpu = service.cpuMillis() - serviceCpu0;
        long serverCpu = LocalPostgres.serverCpuMillis() - serverCpu0;
        long harnessCpu = harnessCpuMillis() - harnessCpu0;
        Map<String, Long> kinds = service.cpuByThreadKind();
        kinds.replaceAll((kind, ms) -> ms - kinds0.getOrDefault(kind, 0L));
        side.shutdown();
        side.awaitTermination(10, TimeUnit.SECONDS);
        if (print) {
            say("");
            say("## " + name
                    + (rate > 0
                            ? String.format(" (%.0f/s offered, open loop)", rate)
                            : String.format(" (%d workers, closed loop)", WORKERS))
                    + ", " + seconds + " s");
            say(submits.line());
            if (READ_RATE > 0) {
                say(reads.line());
                byQuery.values().forEach(t -> {
                    t.startNanos = reads.startNanos;
                    t.endNanos = reads.endNanos;
                });
                new java.util.TreeMap<>(byQuery).values().forEach(t -> say("  " + t.line()));
            }
            if (shedRetries.get() > 0) {
                say("  submissions shed by admission control and retried with their key after Retry-After: "
                        + shedRetries.get() + " tries (each submission's latency counts its retries)");
            }
            say("RSS under load: max " + maxRss.get() + " MiB");
            double wall = submits.seconds() * 1000;
            say(String.format(
                    "CPU over the phase, in cores busy (of %d): service %.2f, PostgreSQL %.2f, this harness "
                            + "%.2f; per acknowledged report: service %.1f ms, PostgreSQL %.1f ms",
                    Runtime.getRuntime().availableProcessors(),
                    serviceCpu / wall,
                    serverCpu / wall,
                    harnessCpu / wall,
                    (double) serviceCpu / Math.max(1, submits.count("201")),
                    (double) serverCpu / Math.max(1, submits.count("201"))));
            say(String.format(
                    "  service CPU by thread kind, cores busy: requests and the rest %.2f, JIT compilers %.2f, "
                            + "GC %.2f",
                    kinds.get("other") / wall, kinds.get("jit") / wall, kinds.get("gc") / wall));
        }
        if (!print) {
            // a warm-up's answers are not counted: right after a start, on a loaded machine, the first submissions
            // (interpreted code, the first coding of the vocabulary) can take longer than the 15 s "hang" bound
            say("(" + name + ": " + submits.outcomes() + ")");
            return submits.perSecond("201");
        }
        assertThat(submits.outcomes().keySet())
                .as(name + ": every submission acknowledged")
                .containsOnly("201");
        assertThat(reads.outcomes().keySet())
                .as(name + ": every read answered, or shed as designed")
                .isSubsetOf("200", SHED);
        return submits.perSecond("201");
    }

    /** A read refused by admission control as designed: 503 with Retry-After and problem+json (counted, not a fault). */
    static final String SHED = "503 shed";

    /**
     * A statistics read's outcome: {@link #SHED} for a designed refusal (admission control sheds reads when 64
     * requests are in flight: the client is told when to come back), else the status. Intake is never shed that way
     * unanswered: a submission's 503 is retried with its key.
     */
    private static String readOutcome(Answer a) {
        if (a.status() == 503
                && a.header("Retry-After") != null
                && a.header("Content-Type") != null
                && a.header("Content-Type").startsWith("application/problem+json")) {
            return SHED;
        }
        return a.outcome();
    }

    private String nextKey() {
        return "load-" + run + "-" + seeds.incrementAndGet();
    }

    private static long seedOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    private Answer submitOnce(String key) {
        String body = LoadReports.json(LoadReports.report(seedOf(key), key));
        Answer a = driver.send(driver.request("/api/v1/reports", reporter)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (a.status() == 201) {
            acknowledged.put(
                    key, a.header("Location").substring(a.header("Location").lastIndexOf('/') + 1));
        }
        return a;
    }

    /**
     * Submits until acknowledged, as a careful client does: the same Idempotency-Key and body on every try,
     * waiting as Retry-After says (at most 2 s) after a 503 and 0.5 s after a refused connection. Records each
     * try; a 503 without Retry-After or problem+json is recorded as such.
     */
    private void submitUntilAcknowledged(String key, long scheduled, Tally tries, Tally acks) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            Answer a = submitOnce(key);
            String outcome = a.outcome();
            if (a.status() == 503
                    && (a.header("Retry-After") == null
                            || !String.valueOf(a.header("Content-Type")).startsWith("application/problem+json"))) {
                outcome = "503 without Retry-After or problem+json";
            }
            if (a.status() == 201 && "true".equals(a.header("Idempotent-Replayed"))) {
                outcome = "201 replayed";
            }
            tries.record(outcome, t0);
            if (a.status() == 201) {
                acks.record("acknowledged", scheduled);
                return;
            }
            if (a.status() >= 400 && a.status() != 503) {
                acks.record("refused " + a.status(), scheduled);
                return;
            }
            long wait = a.status() == 503 ? Math.min(2000, 1000L * retryAfter(a)) : 500;
            sleep(wait);
        }
        acks.record("gave up", scheduled);
    }

    private static long retryAfter(Answer a) {
        try {
            return Long.parseLong(a.header("Retry-After"));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /**
     * Waits (up to 3 minutes) until the service is quiet: under 0.1 core busy over 2 s, twice in a row. After a
     * warm-up the JIT compilers go on compiling for a while (measured: half a core for a minute after the
     * maximum-rate phase, starved while the load lasted); measuring then would count their work as intake's.
     */
    private void settle() throws InterruptedException {
        long t0 = System.nanoTime();
        int quiet = 0;
        Map<String, Long> jit0 = service.cpuByThreadKind();
        while (quiet < 2 && System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(3)) {
            long before = service.cpuMillis();
            Thread.sleep(2000);
            quiet = service.cpuMillis() - before < 200 ? quiet + 1 : 0;
        }
        say(String.format(
                "(settled: the service was quiet after %.0f s; JIT compilers used %.1f s of CPU meanwhile)",
                (System.nanoTime() - t0) / 1e9, (service.cpuByThreadKind().get("jit") - jit0.get("jit")) / 1000.0));
    }

    // --- where the service's time goes -------------------------------------------------------------------

    /**
     * The same closed loop on cheaper requests, to split the cost of a submission: the HTTP floor (liveness, no
     * token, no database), a token-checked read of one case (token, one read transaction, response JSON, audit
     * row), and a submission. CPU per request of the service and of PostgreSQL for each.
     */
    private void probes() throws Exception {
        String key = nextKey();
        assertThat(submitOnce(key).status()).isEqualTo(201);
        String caseNumber = acknowledged.get(key);
        say("");
        say("## cost per request (" + WORKERS + " workers, closed loop, 15 s each)");
        probe(
                "GET /q/health/live",
                () -> driver.send(driver.request("/q/health/live", reporter).GET()));
        probe(
                "GET /api/v1/reports/{n}",
                () -> driver.send(driver.request("/api/v1/reports/" + caseNumber, reporter)
                        .GET()));
        probe(
                "GET /api/v1/stats/counts?by=product",
                () -> driver.send(driver.request("/api/v1/stats/counts?by=product", researcher)
                        .GET()));
        probe("POST /api/v1/reports", () -> submitOnce(nextKey()));
    }

    /** What a probe measured: requests a second, CPU per request of the service and of PostgreSQL (ms). */
    private record Probe(double perSecond, double serviceMs, double serverMs) {}

    private Probe probe(String name, java.util.function.Supplier<Answer> request) throws Exception {
        Tally tally = new Tally(name);
        long serviceCpu0 = service.cpuMillis();
        long serverCpu0 = LocalPostgres.serverCpuMillis();
        LoadDriver.closedLoop(
                WORKERS,
                Duration.ofSeconds(15),
                scheduled -> tally.record(request.get().outcome(), scheduled),
                tally);
        long n = Math.max(1, tally.total());
        Probe p = new Probe(
                tally.total() / tally.seconds(),
                (double) (service.cpuMillis() - serviceCpu0) / n,
                (double) (LocalPostgres.serverCpuMillis() - serverCpu0) / n);
        say(tally.line());
        say(String.format("  CPU per request: service %.2f ms, PostgreSQL %.2f ms", p.serviceMs(), p.serverMs()));
        return p;
    }

    // --- intake caches -----------------------------------------------------------------------------------

    /**
     * The intake caches (verified identities, texts known to be coded) switched off, then on: the service restarted
     * for each, warmed up, then the same probes; the ratios of on to off are printed.
     */
    private void caches() throws Exception {
        say("");
        say("## intake caches (kaers.token.cache-identities, kaers.coding.cache-known-texts) off, then on; restarted, "
                + "warmed up 30 s, probes 15 s");
        Map<Boolean, Probe[]> measured = new java.util.LinkedHashMap<>();
        for (boolean on : new boolean[] {false, true}) {
            service.stop();
            service.configure(
                    Map.of(),
                    on
                            ? List.of()
                            : List.of(
                                    "-Dkaers.token.cache-identities=false", "-Dkaers.coding.cache-known-texts=false"));
            service.start(false);
            intake("warm-up (discarded)", 30, 0, false);
            workOffBackground("the warm-up");
            settle();
            String key = nextKey();
            assertThat(submitOnce(key).status()).isEqualTo(201);
            String caseNumber = acknowledged.get(key);
            String label = on ? " (caches on)" : " (caches off)";
            Probe submissions = probe("POST /api/v1/reports" + label, () -> submitOnce(nextKey()));
            workOffBackground("the submission probe");
            Probe reads = probe(
                    "GET /api/v1/reports/{n}" + label,
                    () -> driver.send(driver.request("/api/v1/reports/" + caseNumber, reporter)
                            .GET()));
            measured.put(on, new Probe[] {submissions, reads});
        }
        service.configure(Map.of(), List.of());
        String[] names = {"submission", "case read"};
        for (int i = 0; i < names.length; i++) {
            Probe off = measured.get(false)[i];
            Probe on = measured.get(true)[i];
            say(String.format(
                    "caches on / off, %s: rate %.2fx; service CPU per request %.2fx (%.2f -> %.2f ms); "
                            + "PostgreSQL CPU %.2fx (%.2f -> %.2f ms)",
                    names[i],
                    on.perSecond() / off.perSecond(),
                    on.serviceMs() / off.serviceMs(),
                    off.serviceMs(),
                    on.serviceMs(),
                    on.serverMs() / off.serverMs(),
                    off.serverMs(),
                    on.serverMs()));
        }
    }

    // --- reads on a streaming replica --------------------------------------------------------------------

    /**
     * A hot standby of the primary (pg_basebackup), the service restarted with it as replica, and the maximum-rate
     * intake with statistics reads again; meanwhile an administrator's count twice a second records which database
     * answered and the replica's lag (meta.readSource: withheld from the researchers whose reads make the load).
     * Then a closed loop of reads alone (8 workers, 15 s) on the primary and on the replica. The standby is removed
     * and the service restarted without it before the next phase.
     */
    private void replica() throws Exception {
        say("");
        say("## reads on a streaming replica (hot standby on port " + STANDBY_PORT + ", made by pg_basebackup -R)");
        LocalPostgres.dropStandby();
        long t0 = System.nanoTime();
        String url = LocalPostgres.startStandby(STANDBY_PORT);
        say(String.format("standby made and streaming in %.1f s: %s", (System.nanoTime() - t0) / 1e9, url));
        try {
            service.stop();
            service.configure(Map.of("KAERS_REPLICA_URL", url), List.of());
            service.start(false);
            intake("warm-up (discarded)", 30, 0, false);
            workOffBackground("the warm-up");
            settle();
            Map<String, Integer> servers = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.DoubleAdder lagSum = new java.util.concurrent.atomic.DoubleAdder();
            AtomicLong lags = new AtomicLong();
            java.util.concurrent.atomic.AtomicReference<Double> maxLag =
                    new java.util.concurrent.atomic.AtomicReference<>(0.0);
            java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    Answer a = driver.send(driver.request("/api/v1/stats/counts?by=substance", admin)
                            .GET());
                    try {
                        var source = JSON.readTree(a.body()).path("meta").path("readSource");
                        servers.merge(
                                source.path("server").asText("?") + "/"
                                        + source.path("replica").asText("?"),
                                1,
                                Integer::sum);
                        if (source.path("replicaLagSeconds").isNumber()) {
                            double lag = source.path("replicaLagSeconds").asDouble();
                            lagSum.add(lag);
                            lags.incrementAndGet();
                            maxLag.accumulateAndGet(lag, Math::max);
                        }
                    } catch (Exception e) {
                        servers.merge("unreadable answer " + a.status(), 1, Integer::sum);
                    }
                    sleep(500);
                }
            });
            sampler.start();
            intake("intake, maximum rate, statistics reads on the replica", SECONDS, 0, true);
            sampling.set(false);
            sampler.join();
            workOffBackground("the intake with the replica");
            say(String.format(
                    "administrator's counts meanwhile, answered by (server/replica state): %s; replica lag "
                            + "mean %.3f s, max %.3f s over %d samples",
                    new java.util.TreeMap<>(servers),
                    lagSum.sum() / Math.max(1, lags.get()),
                    maxLag.get(),
                    lags.get()));
            readsAlone("replica");
            service.stop();
            service.configure(Map.of(), List.of());
            service.start(false);
            readsAlone("primary");
        } finally {
            service.configure(Map.of(), List.of());
            LocalPostgres.dropStandby();
        }
        if (!service.running()) {
            service.start(false);
        }
    }

    /** Statistics reads alone, closed loop, 8 workers, 15 s, as the intake phases' researcher reads. */
    private void readsAlone(String where) throws Exception {
        AtomicLong next = new AtomicLong();
        Tally tally = new Tally("statistics reads alone, on the " + where);
        long serviceCpu0 = service.cpuMillis();
        long serverCpu0 = LocalPostgres.serverCpuMillis();
        LoadDriver.closedLoop(
                8,
                Duration.ofSeconds(15),
                scheduled -> tally.record(
                        driver.send(driver.request(READS[(int) (next.getAndIncrement() % READS.length)], researcher)
                                        .GET())
                                .outcome(),
                        scheduled),
                tally);
        long n = Math.max(1, tally.total());
        say(tally.line());
        say(String.format(
                "  CPU per read: service %.2f ms, PostgreSQL (both clusters) %.2f ms",
                (double) (service.cpuMillis() - serviceCpu0) / n,
                (double) (LocalPostgres.serverCpuMillis() - serverCpu0) / n));
        assertThat(tally.outcomes().keySet()).as("reads on the " + where).containsOnly("200");
    }

    // --- the ceiling -------------------------------------------------------------------------------------

    private void ceiling(double serviceRate) throws Exception {
        say("");
        say("## direct inserts (pgbench, src/test/resources/load/direct-insert.sql: the rows of one report per "
                + "transaction, then its audit row), " + SECONDS + " s each");
        LocalPostgres.PgbenchResult single = LocalPostgres.pgbench(1, SECONDS);
        LocalPostgres.PgbenchResult concurrent = LocalPostgres.pgbench(WORKERS, SECONDS);
        for (LocalPostgres.PgbenchResult r : List.of(single, concurrent)) {
            say(String.format(
                    "pgbench %2d client(s): %8.1f reports/s, mean latency %.2f ms, %d failed",
                    r.clients(), r.tps(), r.latencyMs(), r.failed()));
        }
        say(String.format(
                "ratio service / direct: %.2f of the single-connection insert rate, %.2f of %d connections",
                serviceRate / single.tps(), serviceRate / concurrent.tps(), WORKERS));
        // pgbench's cases wait in the statistics and screening queues: worked off now, so that the next phase
        // measures intake
        workOffBackground("pgbench's cases");
    }

    /**
     * Works off what the background workers left queued (the statistics fold and duplicate screening defer a
     * backlog that grows at a burst's rate, common/GrowingBacklog), through their catch-up endpoints, and prints
     * what it cost: the work a phase's figures do not include, because it runs after the phase. The next phase
     * then starts with both queues empty, as a service does after a burst.
     */
    private void workOffBackground(String after) throws Exception {
        Answer queued = driver.send(
                driver.request("/api/v1/duplicates/screening", admin).GET());
        assertThat(queued.status()).as("screening queue").isEqualTo(200);
        long toScreen = JSON.readTree(queued.body()).path("pending").asLong();
        long t0 = System.nanoTime();
        long serviceCpu0 = service.cpuMillis();
        long serverCpu0 = LocalPostgres.serverCpuMillis();
        Answer folded = driver.send(
                driver.request("/api/v1/stats/aggregates/catch-up", admin).POST(HttpRequest.BodyPublishers.noBody()),
                Duration.ofMinutes(30));
        assertThat(folded.status()).as("statistics catch-up").isEqualTo(200);
        double foldSeconds = (System.nanoTime() - t0) / 1e9;
        while (true) {
            Answer a = driver.send(
                    driver.request("/api/v1/duplicates/screening/catch-up", admin)
                            .POST(HttpRequest.BodyPublishers.noBody()),
                    Duration.ofMinutes(10));
            assertThat(a.status()).as("screening catch-up").isEqualTo(200);
            JsonNode state = JSON.readTree(a.body());
            if (state.path("pending").asLong() == 0 || state.path("screened").asLong() == 0) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long serviceCpu = service.cpuMillis() - serviceCpu0;
        long serverCpu = LocalPostgres.serverCpuMillis() - serverCpu0;
        say(String.format(
                "(background work left after %s, done before the next phase: statistics caught up in %.1f s, the %d "
                        + "cases queued for screening screened %.1f s later; CPU service %.1f s, PostgreSQL %.1f s%s)",
                after,
                foldSeconds,
                toScreen,
                seconds - foldSeconds,
                serviceCpu / 1000.0,
                serverCpu / 1000.0,
                toScreen > 0
                        ? String.format(
                                ", %.2f / %.2f ms per case queued for screening, the fold's share included",
                                (double) serviceCpu / toScreen, (double) serverCpu / toScreen)
                        : ""));
    }

    // --- concurrent follow-ups ---------------------------------------------------------------------------

    private void followUpRace() throws Exception {
        int rounds = 10;
        int racers = 16;
        String key = nextKey();
        assertThat(submitOnce(key).status()).isEqualTo(201);
        String caseNumber = acknowledged.get(key);
        String body = LoadReports.json(LoadReports.report(seedOf(key), key));
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        int wins = 0;
        for (int round = 1; round <= rounds; round++) {
            CountDownLatch go = new CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            String ifMatch = "\"" + round + "\"";
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return driver.send(driver.request("/api/v1/reports/" + caseNumber + "/follow-ups", reporter)
                                    .header("Content-Type", "application/json")
                                    .header("If-Match", ifMatch)
                                    .POST(HttpRequest.BodyPublishers.ofString(body)))
                            .status();
                }));
            }
            go.countDown();
            int roundWins = 0;
            for (var f : answers) {
                int status = f.get();
                statuses.merge(status, 1, Integer::sum);
                roundWins += status == 201 ? 1 : 0;
            }
            assertThat(roundWins)
                    .as("round " + round + ": exactly one follow-up wins")
                    .isEqualTo(1);
            wins += roundWins;
        }
        pool.shutdown();
        JsonNode versions =
                JSON.readTree(driver.send(driver.request("/api/v1/reports/" + caseNumber + "/versions", admin)
                                .GET())
                        .body());
        say("");
        say(String.format(
                "## concurrent follow-ups: %d rounds of %d simultaneous follow-ups with the same If-Match "
                        + "to %s: statuses %s; %d winners; the case has %d versions",
                rounds, racers, caseNumber, statuses, wins, versions.size()));
        assertThat(statuses.keySet()).containsOnly(201, 412);
        assertThat(versions.size()).isEqualTo(rounds + 1);
    }

    // --- faults ------------------------------------------------------------------------------------------

    /** PostgreSQL stopped (fast: sessions cut) 10 s into a load, started again 8 s later. */
    private void databaseRestart(double rate) throws Exception {
        Tally tries = new Tally("submit tries");
        Tally acks = new Tally("time to acknowledgement");
        Map<String, Integer> readinessWhileDown = new ConcurrentHashMap<>();
        AtomicReference<Long> readyAgainMs = new AtomicReference<>();
        AtomicLong downAt = new AtomicLong();
        AtomicLong slowestReadiness = new AtomicLong();
        AtomicLong upAt = new AtomicLong();
        ExecutorService side = Executors.newSingleThreadExecutor();
        var fault = side.submit(() -> {
            Thread.sleep(10_000);
            downAt.set(System.nanoTime());
            LocalPostgres.stop();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < until) {
                long t0 = System.nanoTime();
                readinessWhileDown.merge(String.valueOf(service.readiness()), 1, Integer::sum);
                slowestReadiness.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                Thread.sleep(250);
            }
            LocalPostgres.start();
            upAt.set(System.nanoTime());
            while (service.readiness() != 200) {
                Thread.sleep(100);
            }
            readyAgainMs.set((System.nanoTime() - upAt.get()) / 1_000_000);
            return null;
        });
        LoadDriver.openLoop(
                rate,
                Duration.ofSeconds(SECONDS),
                512,
                scheduled -> submitUntilAcknowledged(nextKey(), scheduled, tries, acks),
                tries,
                acks);
        fault.get();
        side.shutdown();
        say("");
        say(String.format(
                "## fault: PostgreSQL stopped (fast) 10 s into %d s of intake at %.0f/s, started 8 s later",
                SECONDS, rate));
        say("readiness while the database was down: " + readinessWhileDown + " (status: checks; slowest answer "
                + slowestReadiness.get() + " ms); ready again " + readyAgainMs.get() + " ms after PostgreSQL started");
        say(tries.line());
        say(acks.line());
        assertThat(readinessWhileDown.keySet())
                .as("not ready (503) while the database is down")
                .containsOnly("503");
        assertThat(tries.outcomes().keySet())
                .as("tries answered 201 or 503 with Retry-After, never 500 or a hang")
                .allMatch(o -> o.startsWith("201") || o.equals("503"));
        assertThat(acks.outcomes().keySet())
                .as("every report acknowledged in the end")
                .containsOnly("acknowledged");
    }

    /** The service SIGKILLed 10 s into a load and started again at once. */
    private void serviceKill(double rate) throws Exception {
        Tally tries = new Tally("submit tries");
        Tally acks = new Tally("time to acknowledgement");
        AtomicLong restartMs = new AtomicLong();
        ExecutorService side = Executors.newSingleThreadExecutor();
        var fault = side.submit(() -> {
            Thread.sleep(10_000);
            service.kill();
            restartMs.set(service.start(false));
            return null;
        });
        LoadDriver.openLoop(
                rate,
                Duration.ofSeconds(SECONDS),
                512,
                scheduled -> submitUntilAcknowledged(nextKey(), scheduled, tries, acks),
                tries,
                acks);
        fault.get();
        side.shutdown();
        say("");
        say(String.format(
                "## fault: service SIGKILLed 10 s into %d s of intake at %.0f/s and started again "
                        + "(%d ms to ready)",
                SECONDS, rate, restartMs.get()));
        say(tries.line());
        say(acks.line());
        assertThat(tries.outcomes().keySet())
                .as("tries answered 201, or refused while the process was gone")
                .allMatch(o -> o.startsWith("201") || o.startsWith("io:") || o.equals("503"));
        assertThat(acks.outcomes().keySet())
                .as("every report acknowledged in the end")
                .containsOnly("acknowledged");
    }

    // --- verification ------------------------------------------------------------------------------------

    /** Every acknowledged report is in the database, complete, exactly once. Read with JDBC, not the service. */
    private void verifyAcknowledged() throws SQLException {
        Map<String, String> stored = new HashMap<>();
        Map<String, int[]> shape = new HashMap<>();
        long duplicates = 0;
        try (Connection db = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
                PreparedStatement q = db.prepareStatement("""
                        select r.case_number, substring(v.narrative from 'load-key:(\\S+)') as key,
                               (select count(*) from case_product p where p.case_version_id = v.id),
                               (select count(*) from case_reaction x where x.case_version_id = v.id),
                               (select count(*) from case_lab l where l.case_version_id = v.id)
                        from case_report r join case_version v on v.case_id = r.id and v.version = 1
                        where v.narrative like ?""")) {
            q.setString(1, "%load-key:load-" + run + "-%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (stored.put(rs.getString(2), rs.getString(1)) != null) {
                        duplicates++;
                    }
                    shape.put(rs.getString(2), new int[] {rs.getInt(3), rs.getInt(4), rs.getInt(5)});
                }
            }
        }
        long missing = 0;
        long incomplete = 0;
        for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
            String key = ack.getKey();
            if (!ack.getValue().equals(stored.get(key))) {
                missing++;
                continue;
            }
            ObjectNode sent = LoadReports.report(seedOf(key), key);
            int[] rows = shape.get(key);
            if (rows[0] != sent.get("products").size()
                    || rows[1] != sent.get("reactions").size()
                    || rows[2] != (sent.has("labs") ? sent.get("labs").size() : 0)) {
                incomplete++;
            }
        }
        say("");
        say(String.format(
                "## acknowledged reports: %d acknowledged; in the database %d; missing %d; incomplete %d; "
                        + "duplicates %d (stored but never acknowledged: %d)",
                acknowledged.size(),
                stored.size(),
                missing,
                incomplete,
                duplicates,
                stored.size() - acknowledged.size()));
        assertThat(missing).as("acknowledged reports missing").isZero();
        assertThat(incomplete).as("acknowledged reports incomplete").isZero();
        assertThat(duplicates).as("duplicates").isZero();
    }

    /** The maintained aggregates, caught up, equal a rebuild from the raw rows and the raw case count. */
    private void verifyAggregates() throws Exception {
        assertThat(driver.send(
                                driver.request("/api/v1/stats/aggregates/catch-up", admin)
                                        .POST(HttpRequest.BodyPublishers.noBody()),
                                Duration.ofMinutes(30))
                        .status())
                .isEqualTo(200);
        String[] queries = {
            "/api/v1/stats/counts?by=product&size=1000",
            "/api/v1/stats/counts?by=symptom&size=1000",
            "/api/v1/stats/counts?by=substance,symptom&size=1000",
            "/api/v1/stats/counts?by=ageGroup,sex&size=1000",
            "/api/v1/stats/counts?by=outcome,serious&size=1000",
            "/api/v1/stats/counts?by=country&size=1000"
        };
        List<JsonNode> before = new ArrayList<>();
        for (String q : queries) {
            JsonNode body =
                    JSON.readTree(driver.send(driver.request(q, admin).GET()).body());
            assertThat(body.at("/meta/answeredFrom").asText()).isEqualTo("AGGREGATES");
            before.add(body.get("results"));
        }
        long total = JSON.readTree(
                        driver.send(driver.request(queries[0], admin).GET()).body())
                .at("/meta/totalCases")
                .asLong();
        long rawTotal;
        try (Connection db = DriverManager.getConnection(JDBC_URL, DB_USER, DB_PASSWORD);
                ResultSet rs =
                        db.createStatement().executeQuery("select count(*) from case_report where status = 'ACTIVE'")) {
            rs.next();
            rawTotal = rs.getLong(1);
        }
        long t0 = System.nanoTime();
        Answer rebuild = driver.send(
                driver.request("/api/v1/stats/aggregates/rebuild", admin).POST(HttpRequest.BodyPublishers.noBody()),
                Duration.ofMinutes(30));
        long rebuildMs = (System.nanoTime() - t0) / 1_000_000;
        int equal = 0;
        for (int i = 0; i < queries.length; i++) {
            JsonNode after = JSON.readTree(
                            driver.send(driver.request(queries[i], admin).GET()).body())
                    .get("results");
            equal += after.equals(before.get(i)) ? 1 : 0;
        }
        say("");
        say(String.format(
                "## aggregates after the faults: %d cases counted, %d active case rows; %d of %d count "
                        + "tables equal after a rebuild from the raw rows (rebuild %d ms, status %d)",
                total, rawTotal, equal, queries.length, rebuildMs, rebuild.status()));
        assertThat(rebuild.status()).isEqualTo(200);
        assertThat(total).isEqualTo(rawTotal);
        assertThat(equal).isEqualTo(queries.length);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void say(String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long harnessCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    private static long memTotalMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
