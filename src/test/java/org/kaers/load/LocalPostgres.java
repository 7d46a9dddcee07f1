package org.kaers.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local PostgreSQL cluster that docker/local-db.sh runs: stopped and started for the fault phase
 * (pg_ctlcluster, as root or through sudo), and driven directly with pgbench for the insert ceiling.
 */
final class LocalPostgres {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private LocalPostgres() {}

    /** What pgbench measured: transactions a second and mean latency. */
    record PgbenchResult(int clients, double tps, double latencyMs, long failed) {}

    /** Runs the direct-insert script (src/test/resources/load/direct-insert.sql) for {@code seconds}. */
    static PgbenchResult pgbench(int clients, int seconds) throws IOException, InterruptedException {
        Path script = Path.of("src/test/resources/load/direct-insert.sql").toAbsolutePath();
        String url = LoadHarness.JDBC_URL.replace("jdbc:postgresql://", "");
        String hostPort = url.substring(0, url.indexOf('/'));
        String database = url.substring(url.indexOf('/') + 1);
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
        List<String> command = List.of(
                "pgbench",
                "-h",
                host,
                "-p",
                port,
                "-U",
                LoadHarness.DB_USER,
                "-n",
                "-M",
                "prepared",
                "-c",
                String.valueOf(clients),
                "-j",
                String.valueOf(Math.min(clients, 2)),
                "-T",
                String.valueOf(seconds),
                "-f",
                script.toString(),
                database);
        String out = run(command, Map.of("PGPASSWORD", LoadHarness.DB_PASSWORD));
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench printed no rate:\n" + out);
        }
        Matcher failed =
                Pattern.compile("number of failed transactions: (\\d+)").matcher(out);
        return new PgbenchResult(
                clients,
                Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                failed.find() ? Long.parseLong(failed.group(1)) : 0);
    }

    /** CPU time (user + system) of one process in milliseconds, from /proc/PID/stat, or -1. */
    static long cpuMillis(long pid) {
        return cpuMillis(pid, Path.of("/proc/" + pid));
    }

    /** CPU time of a process or thread directory under /proc, in milliseconds, or -1. */
    static long cpuMillis(long pid, Path proc) {
        try {
            String stat = java.nio.file.Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name; clock ticks of 10 ms
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of every running PostgreSQL server process (postmaster and backends), in milliseconds. */
    static long serverCpuMillis() {
        long sum = 0;
        try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    try {
                        if (java.nio.file.Files.readString(p.resolve("comm"))
                                .strip()
                                .equals("postgres")) {
                            sum += Math.max(0, cpuMillis(Long.parseLong(name)));
                        }
                    } catch (IOException e) {
                        // the process ended meanwhile
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /**
     * "15 main": the cluster listening on the port of the harness's JDBC URL (several clusters may run on one
     * machine; only the one under test may be stopped); none matching is an error, never a guess.
     */
    static String[] cluster() throws IOException, InterruptedException {
        String[] lines = run(List.of("pg_lsclusters", "-h"), Map.of()).strip().split("\n");
        String port = port();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 2 && fields[2].equals(port)) {
                return new String[] {fields[0], fields[1]};
            }
        }
        throw new IllegalStateException("no local cluster listens on port " + port + " (pg_lsclusters)");
    }

    /** The port of the harness's JDBC URL (5432 when it names none). */
    static String port() {
        String url = LoadHarness.JDBC_URL.replace("jdbc:postgresql://", "");
        String hostPort = url.substring(0, url.indexOf('/'));
        return hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
    }

    static void stop() throws IOException, InterruptedException {
        String[] c = cluster();
        // fast: what a crash, a failover or an operator's restart looks like to the service (sessions cut)
        run(asRoot("pg_ctlcluster", c[0], c[1], "stop", "-m", "fast"), Map.of());
    }

    static void start() throws IOException, InterruptedException {
        String[] c = cluster();
        run(asRoot("pg_ctlcluster", c[0], c[1], "start"), Map.of());
    }

    /**
     * A hot standby of the harness's cluster (README, "Deployment"): a new cluster named after it ("k16p-standby")
     * on {@code port}, its data directory replaced by {@code pg_basebackup -R -X stream} of the primary (as the
     * postgres user, over the local socket), then started; it streams from the primary from then on. Returns its
     * JDBC URL (same database). As root or through sudo, like the fault phases.
     */
    static String startStandby(int port) throws IOException, InterruptedException {
        String[] primary = cluster();
        String name = standbyName();
        run(asRoot("pg_createcluster", primary[0], name, "-p", String.valueOf(port)), Map.of());
        String data = field(name, 5);
        run(asRoot("rm", "-rf", data), Map.of());
        run(
                asRoot(
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        "pg_basebackup",
                        "-p",
                        port(),
                        "-D",
                        data,
                        "-R",
                        "-X",
                        "stream",
                        "-c",
                        "fast"),
                Map.of());
        run(asRoot("pg_ctlcluster", primary[0], name, "start"), Map.of());
        String url = LoadHarness.JDBC_URL;
        return url.replaceFirst("//([^/:]+)(:\\d+)?/", "//$1:" + port + "/");
    }

    /** Stops and removes the standby made by {@link #startStandby}, if there is one. */
    static void dropStandby() throws IOException, InterruptedException {
        String[] primary = cluster();
        if (field(standbyName(), 1) != null) {
            run(asRoot("pg_dropcluster", "--stop", primary[0], standbyName()), Map.of());
        }
    }

    private static String standbyName() throws IOException, InterruptedException {
        return cluster()[1] + "-standby";
    }

    /** A field of the pg_lsclusters line of a cluster (1 name, 2 port, 5 data directory), or null. */
    private static String field(String name, int index) throws IOException, InterruptedException {
        for (String line : run(List.of("pg_lsclusters", "-h"), Map.of()).strip().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > index && fields[1].equals(name)) {
                return fields[index];
            }
        }
        return null;
    }

    static String version() {
        try {
            return run(List.of("psql", "--version"), Map.of()).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static List<String> asRoot(String... command) {
        List<String> full = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        return full;
    }

    static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
