package org.kaers.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests the way the harness's phases need: closed loop (N workers, each sends when its last answer
 * came: the maximum rate) or open loop (requests start on a fixed schedule whatever the answers do; latency is
 * counted from the scheduled start, so a stalled service cannot hide its queue: no coordinated omission).
 * Uses the JDK's HTTP client over HTTP/1.1 with keep-alive; latencies go into HdrHistogram (on the classpath
 * through Micrometer, which needs it at run time: not declared again here, so its scope stays compile).
 */
final class LoadDriver {

    /** Latencies and status counts of one kind of request in one phase. */
    static final class Tally {
        final String name;
        final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        volatile long startNanos;
        volatile long endNanos;

        Tally(String name) {
            this.name = name;
        }

        void record(String outcome, long startedNanos) {
            latency.recordValue(Math.max(1, (System.nanoTime() - startedNanos) / 1000));
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
        }

        long count(String outcome) {
            LongAdder n = outcomes.get(outcome);
            return n == null ? 0 : n.sum();
        }

        long total() {
            return latency.getTotalCount();
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        double perSecond(String outcome) {
            return count(outcome) / seconds();
        }

        Map<String, Long> outcomes() {
            Map<String, Long> sorted = new TreeMap<>();
            outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted;
        }

        String line() {
            return String.format(
                    "%-26.60s %7d req %8.1f/s  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %8.2f ms  %s",
                    name,
                    total(),
                    total() / seconds(),
                    ms(50),
                    ms(95),
                    ms(99),
                    latency.getMaxValue() / 1000.0,
                    outcomes());
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** A request to send: builds it and records the answer; {@code scheduledNanos} is when it should have started. */
    interface Shot {
        void fire(long scheduledNanos);
    }

    private final HttpClient http;
    final URI base;

    LoadDriver(URI base, int threads) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(Math.max(2, threads / 4)))
                .build();
    }

    /** The answer to one request: its status (or the I/O failure), headers and body. */
    record Answer(int status, String outcome, HttpResponse<String> response) {
        String header(String name) {
            return response == null ? null : response.headers().firstValue(name).orElse(null);
        }

        String body() {
            return response == null ? "" : response.body();
        }
    }

    /** Sends with a 15 s timeout: an answer later than that counts as a hang ("timeout"). */
    Answer send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(15));
    }

    Answer send(HttpRequest.Builder request, Duration timeout) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), String.valueOf(response.statusCode()), response);
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "timeout", null);
        } catch (IOException e) {
            return new Answer(-1, "io:" + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", null);
        }
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    /** {@code workers} threads each firing {@code shot} back to back until {@code duration} has passed. */
    static void closedLoop(int workers, Duration duration, Shot shot, Tally... tallies) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (Tally t : tallies) {
            t.startNanos = start;
        }
        for (int i = 0; i < workers; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    shot.fire(System.nanoTime());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        long stop = System.nanoTime();
        for (Tally t : tallies) {
            t.endNanos = stop;
        }
    }

    /**
     * {@code perSecond} shots a second on a fixed schedule for {@code duration}, on up to {@code maxInFlight}
     * threads; a shot that waits for a thread is late, and its lateness counts in its latency.
     */
    static void openLoop(double perSecond, Duration duration, int maxInFlight, Shot shot, Tally... tallies)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight);
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (Tally t : tallies) {
            t.startNanos = start;
        }
        AtomicLong sent = new AtomicLong();
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long scheduled = next;
            sent.incrementAndGet();
            pool.submit(() -> shot.fire(scheduled));
        }
        pool.shutdown();
        pool.awaitTermination(180, TimeUnit.SECONDS);
        long stop = System.nanoTime();
        for (Tally t : tallies) {
            t.endNanos = stop;
        }
    }
}
