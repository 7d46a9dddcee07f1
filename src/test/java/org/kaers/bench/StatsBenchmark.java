package org.kaers.bench;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.statistics.AggregateStore;
import org.kaers.statistics.StatsBenchAccess;
import org.kaers.statistics.StatsService;
import org.kaers.statistics.TrendService;
import org.kaers.vocabulary.CodingSweep;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Seeds realistic cases straight into the tables (default 1,000,000; -Dbench.cases=N), codes their texts,
 * rebuilds the statistics aggregates, times the worker, then times the main statistics queries over HTTP
 * (answered from the aggregates) and the same queries counted from the raw rows (plain SQL GROUP BY). Run:
 * {@code ./mvnw -B -Pbench test -Dtest=StatsBenchmark [-Dbench.cases=200000]}.
 */
@QuarkusTest
@Tag("benchmark")
class StatsBenchmark {

    private static final String PRODUCTS = "array['KRATOM','Maeng Da Kratom','KRATOM CAPSULES','MIT45 GOLD','OPMS LIQUID KRATOM',"
            + "'7OH TABLETS','Red Bali Kratom Powder','Feel Free Tonic','alcohol','XANAX','fentanyl','kava','coffee',"
            + "'gabapentin','cannabis','Green Malay Kratom','kratom extract shot','7-OH gummies','heroin','suboxone']";
    private static final String VERBATIMS = "array['vomiting','nausea','seizure','fits','tachycardia','jaundice','dark urine',"
            + "'itching','drug withdrawal syndrome','addiction','drowsiness','agitation','confusion','death','cardiac arrest',"
            + "'respiratory depression','abdominal pain','constipation','dizziness','headache','insomnia','anxiety',"
            + "'liver damage','elevated liver enzymes','hallucinations','tremor','sweating','felt weird','palpitations','coma']";

    @Inject
    DataSource dataSource;

    @Inject
    CodingSweep sweep;

    @Inject
    AggregateStore aggregates;

    @Inject
    StatsService stats;

    @Inject
    TrendService trends;

    @Test
    void statisticsLatency() throws Exception {
        int cases = Integer.getInteger("bench.cases", 1_000_000);
        boolean reuse = Boolean.getBoolean("bench.reuse") && countFacts() > 0;
        String preparation;
        if (reuse) {
            preparation = "reused the %,d counted cases already in kaers_bench".formatted(countFacts());
        } else {
            preparation = prepare(cases);
        }
        vacuum();
        String kratom = given().get("/api/v1/products/match?name=Maeng Da Kratom").then().statusCode(200)
                .extract().path("product.id").toString();
        String[][] queries = {
                {"counts by substance", "/api/v1/stats/counts", "by=substance"},
                {"counts by symptom, substance=KRATOM", "/api/v1/stats/counts", "by=symptom&substance=KRATOM"},
                {"counts by symptom, product=Maeng Da", "/api/v1/stats/counts", "by=symptom&product=" + kratom},
                {"counts by sex, serious=true", "/api/v1/stats/counts", "by=sex&serious=true"},
                {"counts by product x symptom (page of 100)", "/api/v1/stats/counts", "by=product,symptom"},
                {"counts by ageGroup, received in 2020", "/api/v1/stats/counts",
                        "by=ageGroup&receivedFrom=2020-01-01&receivedTo=2020-12-31"},
                {"trend by month, substance=KRATOM", "/api/v1/stats/trends", "substance=KRATOM"},
                {"trend by onset quarter", "/api/v1/stats/trends", "date=onset&interval=QUARTER"},
                {"summary substance=KRATOM", "/api/v1/stats/summary", "substance=KRATOM"}};
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> lines = new ArrayList<>();
        int rounds = Integer.getInteger("bench.rounds", 200);
        int rawRounds = Integer.getInteger("bench.raw-rounds", 5);
        int warmUp = Integer.getInteger("bench.warm-up", 100);
        for (int i = 0; i < warmUp; i++) {
            for (String[] q : queries) {
                given().get(q[1] + "?" + q[2]).then().statusCode(200);
            }
        }
        for (String[] q : queries) {
            String answered = given().get(q[1] + "?" + q[2]).then().statusCode(200).extract().path("meta.answeredFrom");
            java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + q[1] + "?" + q[2]);
            long[] nanos = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new AssertionError(q[0] + ": " + response.statusCode());
                }
            }
            long[] raw = new long[rawRounds];
            for (int i = 0; i < rawRounds; i++) {
                long start = System.nanoTime();
                recount(q[1], q[2]);
                raw[i] = System.nanoTime() - start;
            }
            lines.add(Timings.summary(q[0] + " [" + answered + ", HTTP]", nanos));
            lines.add(Timings.summary("  same, raw rows GROUP BY (in-process)", raw));
            lines.add("  ratio of p50s raw/aggregates: %.0fx".formatted(Timings.pct(sorted(raw), 50)
                    / Timings.pct(sorted(nanos), 50)));
        }
        System.out.printf("%n=== Statistics benchmark: each query %d times after %d warm-up rounds of all ===%n%s%n",
                rounds, warmUp, preparation);
        lines.forEach(System.out::println);
        System.out.println();
    }

    /** Seeds, codes, rebuilds and times the worker; returns the figures as text. */
    private String prepare(int cases) throws Exception {
        long seedStart = System.nanoTime();
        seed(cases);
        while (sweep.sweepBatch() > 0) {
            // code every distinct verbatim and product name
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long rebuildStart = System.nanoTime();
        aggregates.rebuild();
        double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        long cells;
        long facts;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select (select count(*) from stats_cell), (select count(*) from stats_fact)");
            r.next();
            cells = r.getLong(1);
            facts = r.getLong(2);
            // The worker's pace: re-fold 20,000 cases (their facts are unchanged, so this is the cost of deriving
            // them), then 2,000 after moving them to another month (every cell of theirs changes).
            s.execute("insert into stats_queue (case_id) select id from case_report where id <= 20000");
        }
        long foldStart = System.nanoTime();
        long folded = aggregates.catchUp();
        double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // (receipt dates are not watched by the triggers: we queue the cases ourselves)
            s.execute("update case_report set received_at = received_at + interval '40 days' where id <= 2000");
            s.execute("insert into stats_queue (case_id) select id from case_report where id <= 2000");
        }
        long changeStart = System.nanoTime();
        long changed = aggregates.catchUp();
        double changeSeconds = (System.nanoTime() - changeStart) / 1e9;

        return ("%,d cases seeded and coded in %.1f s%nrebuild of the aggregates: %.1f s (%,d facts, %,d cells)%n"
                + "worker: %,d unchanged cases re-derived in %.2f s (%,.0f cases/s); %,d changed cases folded in"
                + " %.2f s (%,.0f cases/s)").formatted(cases, seedSeconds, rebuildSeconds, facts, cells, folded,
                foldSeconds, folded / foldSeconds, changed, changeSeconds, changed / changeSeconds);
    }

    private long countFacts() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select count(*) from stats_fact");
            r.next();
            return r.getLong(1);
        }
    }

    /** So that autovacuum of what the preparation wrote does not run during the timings. */
    private void vacuum() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("vacuum (analyze) stats_cell, stats_fact, stats_queue, stats_state, case_report, case_version,"
                    + " case_product, case_reaction, case_seriousness");
        }
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy;
    }

    private void recount(String path, String query) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.add(kv[0], kv[1]);
        }
        switch (path) {
            case "/api/v1/stats/counts" -> StatsBenchAccess.recountCounts(stats, params);
            case "/api/v1/stats/trends" -> StatsBenchAccess.recountTrend(trends, params);
            default -> StatsBenchAccess.recountSummary(stats, params);
        }
    }

    private void seed(int n) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("alter table case_report disable trigger case_report_stats"); // the rebuild derives them
            s.execute("""
                    insert into case_report (id, case_number, status, current_version, source, received_at, updated_at,
                        nullified_at, nullification_reason)
                    select i, 'BEN-2026-' || lpad(i::text, 7, '0'),
                        case when i %% 50 = 0 then 'NULLIFIED' else 'ACTIVE' end, 1,
                        case when i %% 3 = 0 then 'CAERS' else 'DIRECT' end,
                        timestamptz '2016-01-01' + (i %% 3650) * interval '1 day', now(),
                        case when i %% 50 = 0 then now() end, case when i %% 50 = 0 then 'DUPLICATE' end
                    from generate_series(1, %d) i""".formatted(n));
            s.execute("""
                    insert into case_version (id, case_id, version, version_type, received_at, reporter_qualification,
                        reporter_country, patient_sex, serious, derived_age_group)
                    select i, i, 1, 'INITIAL', now(),
                        (array['PHYSICIAN','PHARMACIST','NURSE','POISON_CENTRE','CONSUMER'])[1 + i %% 5],
                        (array['US','US','US','CA','GB'])[1 + (i / 7) %% 5],
                        (array['FEMALE','MALE','MALE',null])[1 + (i / 3) %% 4],
                        i %% 5 < 2,
                        (array['ADULT','ADULT','ADULT','ELDERLY','ADOLESCENT',null])[1 + (i / 11) %% 6]
                    from generate_series(1, %d) i""".formatted(n));
            s.execute("""
                    insert into case_product (case_version_id, seq, role, name_reported)
                    select i, k, case when k = 0 then 'SUSPECT' else 'CONCOMITANT' end,
                        (%s)[1 + ((i * 7 + k * 13) %% 20)]
                    from generate_series(1, %d) i, generate_series(0, 2) k
                    where k <= (i %% 10) / 6""".formatted(PRODUCTS, n));
            s.execute("""
                    insert into case_reaction (case_version_id, seq, verbatim, outcome, onset_date)
                    select i, k, (%s)[1 + ((i * 31 + k * 17) %% 30)], 'UNKNOWN',
                        date '2016-01-01' + (i %% 3650) - 3
                    from generate_series(1, %d) i, generate_series(0, 3) k
                    where k <= i %% 4""".formatted(VERBATIMS, n));
            s.execute("""
                    insert into case_seriousness (case_version_id, criterion)
                    select i, 'HOSPITALIZATION' from generate_series(1, %d) i where i %% 5 < 2""".formatted(n));
            s.execute("select setval('case_report_seq', %d), setval('case_version_seq', %d)".formatted(n + 100, n + 100));
            s.execute("alter table case_report enable trigger case_report_stats");
            s.execute("analyze");
        }
    }
}
