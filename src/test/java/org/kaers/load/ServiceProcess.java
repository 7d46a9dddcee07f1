package org.kaers.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) in a process of its own, the way an operator runs
 * it: production profile, an explicit heap, configuration from the environment. Measures start-up time (spawn to
 * ready) and resident memory, and can be killed with SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {

    static final String HEAP = System.getProperty("load.service-heap", "512m");

    private final int port;
    private final Path logDir;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private int starts;
    private Map<String, String> extraEnv = Map.of();
    private List<String> extraArgs = List.of();

    ServiceProcess(int port, Path logDir) {
        this.port = port;
        this.logDir = logDir;
    }

    /** Environment and JVM arguments added at the next starts (a replica, caches switched off). */
    void configure(Map<String, String> env, List<String> args) {
        this.extraEnv = Map.copyOf(env);
        this.extraArgs = List.copyOf(args);
    }

    URI base() {
        return URI.create("http://localhost:" + port);
    }

    /** Starts the jar and waits until it is ready; returns the milliseconds from spawn to ready. */
    long start(boolean emptyDatabase) throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first (./mvnw -Pload verify does)");
        }
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-Xms" + HEAP,
                "-Xmx" + HEAP,
                // as docker/Dockerfile runs it
                System.getProperty("load.service-gc", "-XX:+UseSerialGC"),
                "-Dquarkus.http.port=" + port,
                // the dev key pair of the test suite: the harness signs its own tokens (fixtures.Tokens)
                "-Dmp.jwt.verify.issuer=kaers-dev",
                "-Dmp.jwt.verify.publickey.location="
                        + Path.of("src/test/resources/dev-keys/public.pem").toAbsolutePath(),
                // one client sends all the load: lift the per-client limits
                "-Dkaers.rate-limit.per-credential=1000000000",
                "-Dkaers.rate-limit.per-address=1000000000"));
        // e.g. -XX:StartFlightRecording=filename=target/load/service-{start}.jfr ({start}: 1, 2, ... per start)
        String extra = System.getProperty("load.service-jvm-args", "").replace("{start}", String.valueOf(starts + 1));
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(extraArgs);
        if (emptyDatabase) {
            command.add("-Dquarkus.flyway.clean-disabled=false");
            command.add("-Dquarkus.flyway.clean-at-start=true");
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("service-" + (++starts) + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KAERS_DB_URL", LoadHarness.JDBC_URL);
        env.put("KAERS_DB_USER", LoadHarness.DB_USER);
        env.put("KAERS_DB_PASSWORD", LoadHarness.DB_PASSWORD);
        env.putAll(extraEnv);
        long t0 = System.nanoTime();
        process = builder.start();
        awaitReady(Duration.ofSeconds(120));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The status of GET /q/health/ready, or -1 when nothing answers. */
    int readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base().resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + logDir);
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service was not ready within " + limit + "; see " + logDir);
    }

    /** Resident set size of the service process in MiB (Linux /proc), or -1. */
    long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time (user + system) the service process has used so far, in milliseconds (Linux /proc), or -1. */
    long cpuMillis() {
        return LocalPostgres.cpuMillis(process.pid());
    }

    /**
     * CPU time of the service's threads by kind, in milliseconds (Linux /proc/PID/task): "jit" (C1/C2 compiler
     * threads), "gc" (collector and VM threads), "other" (request handling and everything else).
     */
    Map<String, Long> cpuByThreadKind() {
        Map<String, Long> kinds = new java.util.TreeMap<>(Map.of("jit", 0L, "gc", 0L, "other", 0L));
        try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")
                            ? "jit"
                            : name.startsWith("GC Thread") || name.equals("VM Thread") || name.startsWith("G1 ")
                                    ? "gc"
                                    : "other";
                    kinds.merge(kind, Math.max(0, LocalPostgres.cpuMillis(process.pid(), task)), Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful drain; what was acknowledged must already be durable. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM and wait; returns the milliseconds the graceful shutdown took. */
    long stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return 0;
        }
        long t0 = System.nanoTime();
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
