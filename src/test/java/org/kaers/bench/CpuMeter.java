package org.kaers.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds (user + system, from {@code /proc}) of this JVM and of the PostgreSQL backends connected to one
 * database, so that a benchmark on a shared machine can compare the work done and not only the wall time. A
 * difference of two readings counts each backend's time since the first reading (or since it started, if it is
 * newer); a backend that exits between the readings is not counted, so the figure is a lower bound. The server's
 * shared processes (WAL writer, checkpointer) are left out, as other databases use them too. Linux only; elsewhere
 * every reading is 0.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double HZ = 100.0;

    private final String database;

    /** A meter for the backends of the database named at the end of {@code jdbcUrl}. */
    CpuMeter(String jdbcUrl) {
        String db = jdbcUrl == null ? "" : jdbcUrl;
        int q = db.indexOf('?');
        if (q >= 0) {
            db = db.substring(0, q);
        }
        this.database = db.substring(db.lastIndexOf('/') + 1);
    }

    /** A reading: CPU seconds of this JVM and of each of the database's backends (by process id). */
    record Reading(double jvm, java.util.Map<String, Double> backends, java.util.Map<String, Double> threads) {

        Reading(double jvm, java.util.Map<String, Double> backends) {
            this(jvm, backends, java.util.Map.of());
        }

        /** This JVM's CPU seconds by kind of thread: JIT compilers, GC and VM, the import, the rest. */
        java.util.Map<String, Double> jvmByKind() {
            java.util.Map<String, Double> kinds = new java.util.TreeMap<>();
            threads.forEach((tid, s) -> kinds.merge(kindOf(tid), s, Double::sum));
            return kinds;
        }

        double postgres() {
            return backends.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** The time spent since {@code before}: a backend newer than it counts from its start. */
        Reading minus(Reading before) {
            java.util.Map<String, Double> spent = new java.util.HashMap<>();
            backends.forEach((pid, s) -> spent.put(pid, s - before.backends.getOrDefault(pid, 0.0)));
            java.util.Map<String, Double> threadsSpent = new java.util.HashMap<>();
            threads.forEach((t, s) -> threadsSpent.put(t, s - before.threads.getOrDefault(t, 0.0)));
            return new Reading(jvm - before.jvm, spent, threadsSpent);
        }

        /** "JIT", "GC+VM", "import" or "other", from the thread's name kept in the key after a slash. */
        private static String kindOf(String key) {
            String name = key.substring(key.indexOf('/') + 1);
            if (name.contains("CompilerThre")) {
                return "JIT";
            }
            if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("ParGC")) {
                return "GC+VM";
            }
            if (name.startsWith("kaers-import")) {
                return "import";
            }
            return "other";
        }
    }

    Reading read() {
        double jvm = seconds(Path.of("/proc/self/stat"));
        java.util.Map<String, Double> pg = new java.util.HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                String cmd = cmdline(p);
                // A backend's title: "postgres: <user> <database> <client> <state>"
                if (cmd.startsWith("postgres: ") && cmd.contains(" " + database + " ")) {
                    pg.put(p.getFileName().toString(), seconds(p.resolve("stat")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Reading(jvm, java.util.Map.of());
        }
        java.util.Map<String, Double> threads = new java.util.HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"), "[0-9]*")) {
            for (Path t : tasks) {
                String name = Files.readString(t.resolve("comm")).strip();
                threads.put(t.getFileName() + "/" + name, seconds(t.resolve("stat")));
            }
        } catch (IOException | RuntimeException e) {
            // threads unreadable: the total stands alone
        }
        return new Reading(jvm, pg, threads);
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** utime + stime of one /proc/<pid>/stat, in seconds (0 when unreadable). */
    private static double seconds(Path stat) {
        try {
            String s = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
