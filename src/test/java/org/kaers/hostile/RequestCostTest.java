package org.kaers.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.NoDefaultToken;
import org.kaers.fixtures.RawHttp;
import org.kaers.fixtures.Tokens;

/**
 * What the costliest body of at most 1 MiB costs the server, as a ratio to a plain valid submission measured in
 * the same run: CPU time of the server's request threads (Vert.x event loops, the worker pool and the intake's
 * writers; thread CPU time, never wall-clock). Candidates are the shapes the fuzzer builds, each blown up to 1 MiB: arrays of nulls, of empty
 * objects, of bad enum values, deep nesting, one huge string or number, and the largest report validation lets
 * through (every list at its limit, every text at its length).
 */
@QuarkusTest
@NoDefaultToken
class RequestCostTest {

    private static final int MIB = 1024 * 1024;
    /** Highest accepted ratio of the costliest hostile body to a plain valid submission. */
    private static final double MAX_RATIO = 10;

    private static final int ROUNDS = 5;

    private final String reporter = Tokens.bearer(Tokens.of("cost@test", "REPORTER"));

    @Test
    void noBodyOfAtMostOneMebibyteCostsMoreThanAFewPlainSubmissions() {
        byte[] plain = CaseReports.minimal().toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("array of nulls", fill("{\"products\": [", "null,", "null]}"));
        hostile.put("array of empty objects", fill("{\"reactions\": [", "{},", "{}]}"));
        hostile.put("array of bad enum values", fill("{\"seriousnessCriteria\": [", "\"X\",", "\"X\"]}"));
        hostile.put("nested arrays", fill("{\"labs\": ", "[", "") + "]");
        hostile.put("deep nesting", fill("", "{\"reporter\":", "1"));
        hostile.put("one huge string", "{\"narrative\": \"" + "x".repeat(MIB - 20) + "\"}");
        hostile.put("one huge number", "{\"reporter\": " + "9".repeat(MIB - 20) + "}");
        hostile.put("many unknown keys", fill("{", "\"k%d\": 1,", "\"k\": 1}"));
        hostile.put("largest report validation accepts", largest());
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        hostile.forEach((name, text) -> bodies.put(name, text.getBytes(StandardCharsets.UTF_8)));
        hostile.clear();
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            assertThat(body.getValue().length).as(body.getKey()).isLessThanOrEqualTo(MIB);
        }
        for (int warm = 0; warm < 3; warm++) {
            bodies.values().forEach(this::post);
            post(plain);
        }
        long plainCost = median(plain);
        String costliest = null;
        long costliestCost = 0;
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            long cost = median(body.getValue());
            System.out.printf(
                    "request cost: %-36s %8.2f ms CPU (%5.1f x plain)%n",
                    body.getKey(), cost / 1e6, (double) cost / plainCost);
            if (cost > costliestCost) {
                costliest = body.getKey();
                costliestCost = cost;
            }
        }
        System.out.printf("request cost: plain valid submission %8.2f ms CPU%n", plainCost / 1e6);
        assertThat(plainCost).isPositive();
        assertThat((double) costliestCost / plainCost)
                .as("costliest: " + costliest)
                .isLessThanOrEqualTo(MAX_RATIO);
    }

    /** Median over ROUNDS of the server threads' CPU time for one request. */
    private long median(byte[] body) {
        long[] costs = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long before = serverCpu();
            post(body);
            costs[i] = serverCpu() - before;
        }
        Arrays.sort(costs);
        return costs[ROUNDS / 2];
    }

    private void post(byte[] body) {
        int status = RawHttp.send(
                        "POST",
                        "/api/v1/reports",
                        Map.of("Authorization", reporter, "Content-Type", "application/json"),
                        body)
                .status();
        assertThat(status).isIn(201, 400);
    }

    private static long serverCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith("vert.x-eventloop")
                            || info.getThreadName().startsWith("executor-thread")
                            // a submission is stored by the batched intake's writers (report.IntakeBatcher)
                            || info.getThreadName().startsWith("kaers-intake-writer"))) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** start + as many units as fit in 1 MiB + end (a %d in the unit is numbered). */
    private static String fill(String start, String unit, String end) {
        StringBuilder out = new StringBuilder(MIB).append(start);
        for (int i = 0; out.length() + unit.length() + 10 + end.length() < MIB; i++) {
            out.append(unit.contains("%d") ? unit.replace("%d", Integer.toString(i)) : unit);
        }
        return out.append(end).toString();
    }

    /**
     * Every list at its @Size limit, every text at its length limit. Two distinct long texts alternate (uncoded
     * verbatims and product names go to the review queues, which other tests read: two entries, not a hundred).
     */
    private static String largest() {
        ObjectNode report = CaseReports.liverInjury();
        ArrayNode products = report.putArray("products");
        for (int i = 0; i < 50; i++) {
            products.addObject()
                    .put("role", i == 0 ? "SUSPECT" : "CONCOMITANT")
                    .put(
                            "name",
                            ("kratom maeng da powder capsule " + i % 2 + " ")
                                    .repeat(10)
                                    .substring(0, 300))
                    .put("vendor", ("vendor " + i % 2 + " ").repeat(40).substring(0, 300));
        }
        ArrayNode reactions = report.putArray("reactions");
        for (int i = 0; i < 100; i++) {
            reactions
                    .addObject()
                    .put(
                            "verbatim",
                            ("yellow skin and itching nausea " + i % 2 + " ")
                                    .repeat(20)
                                    .substring(0, 500))
                    .put("outcome", "UNKNOWN");
        }
        report.put("narrative", "n".repeat(20_000));
        return report.toString();
    }
}
