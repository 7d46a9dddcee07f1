package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.statistics.StatsBenchAccess;
import org.kaers.statistics.StatsService;
import org.kaers.statistics.TrendService;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.vocabulary.CodingSweep;

/**
 * Seeds realistic cases straight into the tables (default 1,000,000; -Dbench.cases=N), codes their texts,
 * rebuilds the statistics aggregates, times the worker, then times the main statistics queries over HTTP
 * (answered from the aggregates) and the same queries counted from the raw rows (plain SQL GROUP BY). Run:
 * {@code ./mvnw -B -Pbench test -Dtest=StatsBenchmark [-Dbench.cases=200000]}.
 */
@QuarkusTest
@Tag("benchmark")
class StatsBenchmark {

    private static final String PRODUCTS =
            "array['KRATOM','Maeng Da Kratom','KRATOM CAPSULES','MIT45 GOLD','OPMS LIQUID KRATOM',"
                    + "'7OH TABLETS','Red Bali Kratom Powder','Feel Free Tonic','alcohol','XANAX','fentanyl','kava','coffee',"
                    + "'gabapentin','cannabis','Green Malay Kratom','kratom extract shot','7-OH gummies','heroin','suboxone']";
    private static final String VERBATIMS =
            "array['vomiting','nausea','seizure','fits','tachycardia','jaundice','dark urine',"
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
        String kratom = given().get("/api/v1/products/match?name=Maeng Da Kratom")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id")
                .toString();
        String[][] queries = {
            {"counts by substance", "/api/v1/stats/counts", "by=substance"},
            {"counts by symptom, substance=KRATOM", "/api/v1/stats/counts", "by=symptom&substance=KRATOM"},
            {"counts by symptom, product=Maeng Da", "/api/v1/stats/counts", "by=symptom&product=" + kratom},
            {"counts by sex, serious=true", "/api/v1/stats/counts", "by=sex&serious=true"},
            {"counts by product x symptom (page of 100)", "/api/v1/stats/counts", "by=product,symptom"},
            {
                "counts by ageGroup, received in 2020",
                "/api/v1/stats/counts",
                "by=ageGroup&receivedFrom=2020-01-01&receivedTo=2020-12-31"
            },
            {"trend by month, substance=KRATOM", "/api/v1/stats/trends", "substance=KRATOM"},
            {"trend by onset quarter", "/api/v1/stats/trends", "date=onset&interval=QUARTER"},
            {"summary substance=KRATOM", "/api/v1/stats/summary", "substance=KRATOM"}
        };
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        List<String> lines = new ArrayList<>();
        int rounds = Integer.getInteger("bench.rounds", 200);
        int rawRounds = Integer.getInteger("bench.raw-rounds", 5);
        int warmUp = Integer.getInteger("bench.warm-up", 100);
        // the cross reads every pair (seconds a request at real cardinality): its own, smaller number of rounds
        int crossRounds = Integer.getInteger("bench.cross-rounds", rounds);
        for (int i = 0; i < warmUp; i++) {
            for (String[] q : queries) {
                if (!q[2].contains(",") || i < Math.min(warmUp, crossRounds)) {
                    given().get(q[1] + "?" + q[2]).then().statusCode(200);
                }
            }
        }
        for (String[] q : queries) {
            String answered = given().get(q[1] + "?" + q[2])
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("meta.answeredFrom");
            java.net.URI uri =
                    java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + q[1] + "?" + q[2]);
            long[] nanos = new long[q[2].contains(",") ? crossRounds : rounds];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                java.net.http.HttpResponse<String> response = http.send(
                        java.net.http.HttpRequest.newBuilder(uri)
                                .header(
                                        "Authorization",
                                        org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new AssertionError(q[0] + ": " + response.statusCode());
                }
            }
            long[] raw = new long[rawRounds];
            for (int i = 0; i < rawRounds; i++) {
                long start = System.nanoTime();
                long counted = recount(q[1], q[2]);
                raw[i] = System.nanoTime() - start;
                if (counted >= 0 && !q[2].contains(",")) {
                    // the recount counts the cases the aggregates count (the cross's page has no total to compare)
                    Number total = given().get(q[1] + "?" + q[2])
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("meta.totalCases");
                    if (total.longValue() != counted) {
                        throw new AssertionError(q[0] + ": recount " + counted + " cases, aggregates " + total);
                    }
                }
            }
            lines.add(Timings.summary(q[0] + " [" + answered + ", HTTP]", nanos));
            lines.add(Timings.summary("  same, raw rows GROUP BY (in-process)", raw));
            lines.add("  ratio of p50s raw/aggregates: %.0fx"
                    .formatted(Timings.pct(sorted(raw), 50) / Timings.pct(sorted(nanos), 50)));
        }
        System.out.printf(
                "%n=== Statistics benchmark: each query %d times (the cross %d) after %d warm-up rounds ===%n%s%n",
                rounds, crossRounds, warmUp, preparation);
        lines.forEach(System.out::println);
        System.out.println();
    }

    /**
     * Seeds and codes, rebuilds and times it, then seeds {@code bench.new-cases} (default 64,500, FDA's file)
     * more, queues them as an import would, and times the worker folding them in: first the fold as it was
     * before it became set-based ({@code LegacyFold}, on the first {@code bench.legacy-cases} of them, in a
     * transaction rolled back), then the worker itself on all of them; then, when {@code bench.legacy-rebuild}
     * is true, the rebuild again and the old rebuild (rolled back). Returns the figures as text.
     */
    private String prepare(int cases) throws Exception {
        int fresh = Integer.getInteger("bench.new-cases", 64_500);
        int legacyCases = Integer.getInteger("bench.legacy-cases", 0);
        boolean legacyRebuild = Boolean.parseBoolean(System.getProperty("bench.legacy-rebuild", "false"));
        StringBuilder out = new StringBuilder();
        long seedStart = System.nanoTime();
        seed(1, cases, cases);
        code();
        out.append("%,d cases seeded and coded in %.1f s; %s%n"
                .formatted(cases, (System.nanoTime() - seedStart) / 1e9, shape()));
        double rebuild = seconds(aggregates::rebuild);
        out.append("rebuild: %.1f s (%,.0f cases/s; %s)%n".formatted(rebuild, cases / rebuild, sizes()));

        seed(cases + 1, cases + fresh, cases);
        code();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into stats_queue (case_id) select id from case_report where id > %d order by id"
                    .formatted(cases));
        }
        int legacy = Math.min(legacyCases, fresh);
        if (legacy > 0) {
            long legacyStart = System.nanoTime();
            StatsBenchAccess.legacyFoldRolledBack(dataSource, legacy);
            double legacySeconds = (System.nanoTime() - legacyStart) / 1e9;
            out.append("the per-case fold (first %,d, rolled back): %.1f s (%,.0f cases/s)%n"
                    .formatted(legacy, legacySeconds, legacy / legacySeconds));
        }
        // Issue 16, before: pairs generated and grouped in SQL (on the first bench.sql-cases, rolled back).
        int sqlCases = Math.min(Integer.getInteger("bench.sql-cases", 5_000), fresh);
        long sqlStart = System.nanoTime();
        StatsBenchAccess.sqlPairsFoldRolledBack(dataSource, sqlCases);
        double sqlSeconds = (System.nanoTime() - sqlStart) / 1e9;
        long foldStart = System.nanoTime();
        long folded = aggregates.catchUp();
        double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
        out.append(("worker, %,d new cases queued on top of %,d: folded in %.1f s (%,.0f cases/s); the fold before"
                        + " issue 16 (pairs in SQL; first %,d, rolled back) %.1f s (%,.0f cases/s); ratio %.1fx%n")
                .formatted(
                        folded,
                        cases,
                        foldSeconds,
                        folded / foldSeconds,
                        sqlCases,
                        sqlSeconds,
                        sqlCases / sqlSeconds,
                        (folded / foldSeconds) / (sqlCases / sqlSeconds)));

        // Re-derivation of unchanged cases (their facts are the same: the cost of deriving them).
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("insert into stats_queue (case_id) select id from case_report where id <= 20000");
        }
        long sameStart = System.nanoTime();
        long same = aggregates.catchUp();
        double sameSeconds = (System.nanoTime() - sameStart) / 1e9;
        out.append("worker, %,d unchanged cases re-derived in %.2f s (%,.0f cases/s)%n"
                .formatted(same, sameSeconds, same / sameSeconds));

        out.append("aggregates: %s".formatted(sizes()));
        if (legacyRebuild) {
            double rebuilt = seconds(aggregates::rebuild);
            out.append("%nrebuild at %,d cases: %.1f s (%,.0f cases/s; %s)"
                    .formatted(cases + fresh, rebuilt, (cases + fresh) / rebuilt, sizes()));
            long oldStart = System.nanoTime();
            StatsBenchAccess.legacyRebuildRolledBack(dataSource);
            double old = (System.nanoTime() - oldStart) / 1e9;
            out.append("%nthe rebuild before (rolled back): %.1f s; ratio %.1fx".formatted(old, old / rebuilt));
        }
        return out.toString();
    }

    private void code() {
        while (sweep.sweepBatch() > 0) {
            // code the real-looking names and verbatims (the synthetic ones are coded by the seed)
        }
    }

    private static double seconds(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private String shape() throws Exception {
        return query("""
                select format('%s product names (%s seen once), %s verbatims, %s coded terms; %s products and %s
                 reactions per case', (select count(*) from (select name_reported from case_product group by 1) x),
                 (select count(*) from (select 1 from case_product group by name_reported having count(*) = 1) x),
                 (select count(distinct verbatim) from case_reaction),
                 (select count(distinct term_id) from verbatim_coding),
                 round((select count(*) from case_product)::numeric / (select count(*) from case_version), 2),
                 round((select count(*) from case_reaction)::numeric / (select count(*) from case_version), 2))""");
    }

    private String sizes() throws Exception {
        return query("""
                select format('%s facts, %s cells, %s', (select count(*) from stats_fact), (select count(*) from stats_cell),
                    pg_size_pretty(pg_total_relation_size('stats_cell')))""");
    }

    private String query(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery(sql);
            r.next();
            return r.getString(1);
        }
    }

    private long countFacts() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select count(*) from stats_fact");
            r.next();
            return r.getLong(1);
        }
    }

    /** So that autovacuum of what the preparation wrote does not run during the timings. */
    private void vacuum() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
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

    /**
     * The same request counted from the raw rows, on a thread of its own: the test method's thread has a request
     * context without an identity, which reads as a researcher's (the latest release's cases, none here: the
     * recount took 27 ms at 1M cases, stop 33), while outside a request the reads are internal ones (live, exact).
     * Returns the total of cases a count counted (-1 for trends and summaries).
     */
    private long recount(String path, String query) throws Exception {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.add(kv[0], kv[1]);
        }
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return thread.submit(() -> switch (path) {
                        case "/api/v1/stats/counts" ->
                            ((org.kaers.statistics.CountResponse) StatsBenchAccess.recountCounts(stats, params))
                                    .meta()
                                    .totalCases();
                        case "/api/v1/stats/trends" -> {
                            StatsBenchAccess.recountTrend(trends, params);
                            yield -1L;
                        }
                        default -> {
                            StatsBenchAccess.recountSummary(stats, params);
                            yield -1L;
                        }
                    })
                    .get();
        } finally {
            thread.shutdown();
        }
    }

    /**
     * Seeds cases {@code from}..{@code to} straight into the tables, shaped like FDA's 2004-2017 CAERS file
     * (DOMAIN.md "Distributions"): products per report 1 (83 %) to over 10, mean 1.4; terms per report 1 (33 %)
     * to 20, mean 3.1; 41 % of product rows name a product seen once, the others a long (log-uniform) tail
     * over a pool of {@code max(2000, cases / 8)} names; terms a log-uniform tail over 4,000 terms plus 0.75 %
     * seen once; the first pool entries are real-looking names that the coding sweep codes, every other
     * name and term is coded here (each synthetic name its own product, six in seven terms coded to their own
     * term, the rest uncoded). The statistics triggers are off: the caller queues or rebuilds.
     */
    private void seed(int from, int to, int poolOf) throws Exception {
        int pool = Math.max(2000, poolOf / 8);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("select setseed(0.16 + %d / 1e9)".formatted(from));
            for (String t : new String[] {"case_report", "verbatim_coding", "product_name_coding"}) {
                s.execute("alter table " + t + " disable trigger user");
            }
            s.execute("""
                    insert into case_report (id, case_number, status, current_version, source, received_at, updated_at,
                        nullified_at, nullification_reason)
                    select i, 'BEN-2026-' || lpad(i::text, 8, '0'),
                        case when i %% 50 = 0 then 'NULLIFIED' else 'ACTIVE' end, 1,
                        case when i %% 3 = 0 then 'CAERS' else 'DIRECT' end,
                        timestamptz '2016-01-01' + (i %% 3650) * interval '1 day', now(),
                        case when i %% 50 = 0 then now() end, case when i %% 50 = 0 then 'DUPLICATE' end
                    from generate_series(%d, %d) i""".formatted(from, to));
            s.execute("""
                    insert into case_version (id, case_id, version, version_type, received_at, reporter_qualification,
                        reporter_country, patient_sex, serious, derived_age_group)
                    select i, i, 1, 'INITIAL', now(),
                        (array['PHYSICIAN','PHARMACIST','NURSE','POISON_CENTRE','CONSUMER'])[1 + i %% 5],
                        (array['US','US','US','CA','GB'])[1 + (i / 7) %% 5],
                        (array['FEMALE','MALE','MALE',null])[1 + (i / 3) %% 4],
                        i %% 5 < 2,
                        (array['ADULT','ADULT','ADULT','ELDERLY','ADOLESCENT',null])[1 + (i / 11) %% 6]
                    from generate_series(%d, %d) i""".formatted(from, to));
            s.execute("""
                    insert into case_product (case_version_id, seq, role, name_reported, form)
                    select i, k, case when k = 0 then 'SUSPECT' else 'CONCOMITANT' end,
                        case when u < 0.41 then 'SINGLE REPORT SUPPLEMENT ' || i || '-' || k
                             else coalesce((%s)[p], 'BRAND ' || p || ' HERBAL SUPPLEMENT CAPSULES') end,
                        (array['POWDER','CAPSULE',null,null,null])[1 + (i + k) %% 5]
                    from (select i, k, random() as u, least(%d, floor(exp(random() * ln(%d)))::int) as p
                        from (select i, random() as r from generate_series(%d, %d) i) c
                        cross join lateral generate_series(0, case when r < 0.83 then 0 when r < 0.912 then 1
                            when r < 0.945 then 2 when r < 0.964 then 3 when r < 0.975 then 4
                            when r < 0.997 then 5 + (i %% 5) else 10 + (i %% 5) end) k) x""".formatted(PRODUCTS, pool, pool + 1, from, to));
            s.execute("""
                    insert into case_reaction (case_version_id, seq, verbatim, outcome, onset_date)
                    select i, k, case when u < 0.0075 then 'RARE REACTION ' || i || '-' || k
                             else coalesce((%s)[t], 'REACTION TERM ' || t) end,
                        (array['RECOVERED','RECOVERING','NOT_RECOVERED','UNKNOWN','UNKNOWN','FATAL'])[1 + (i + k) %% 6],
                        case when i %% 4 <> 0 then date '2016-01-01' + (i %% 3650) - 3 end
                    from (select i, k, random() as u, least(4000, floor(exp(random() * ln(4001)))::int) as t
                        from (select i, random() as r from generate_series(%d, %d) i) c
                        cross join lateral generate_series(0, case when r < 0.327 then 0 when r < 0.532 then 1
                            when r < 0.682 then 2 when r < 0.786 then 3 when r < 0.856 then 4
                            when r < 0.976 then 5 + (i %% 5) else 10 + (i %% 10) end) k) x""".formatted(VERBATIMS, from, to));
            s.execute("""
                    insert into case_seriousness (case_version_id, criterion)
                    select i, (array['HOSPITALIZATION','LIFE_THREATENING','DEATH'])[1 + (i / 5) %% 3]
                    from generate_series(%d, %d) i where i %% 5 < 2""".formatted(from, to));
            // Code what the sweep would take long over (tens of thousands of new names): synthetic names here.
            s.execute("""
                    create temp table bench_names as
                    select n.name, nextval('product_seq') as id from (
                        select distinct p.name_reported as name from case_product p
                        where p.case_version_id between %d and %d and p.name_reported not in (select unnest(%s))
                          and not exists (select 1 from product_name_coding c where c.name = p.name_reported)) n""".formatted(from, to, PRODUCTS));
            s.execute("""
                    insert into product (id, name, substance, curated)
                    select id, name, (array['KRATOM','KRATOM','OTHER','CAFFEINE','KAVA','CANNABIS','ALCOHOL',
                        'BENZODIAZEPINE','OTHER_OPIOID','UNKNOWN'])[1 + id % 10], false from bench_names""");
            s.execute("""
                    insert into product_name_coding (name, normalized, product_id, method, coded_at)
                    select name, lower(name), id, 'NEW', now() from bench_names""");
            s.execute("""
                    insert into symptom_term (code, preferred_name, organ_class, curated)
                    select 'BT' || lpad(t::text, 5, '0'), 'Reaction term ' || t,
                        (select code from organ_class order by sort_order offset t % (select count(*) from organ_class) limit 1),
                        false
                    from generate_series(31, 4000) t on conflict (code) do nothing""");
            s.execute("""
                    insert into verbatim_coding (verbatim, normalized, term_id, method, coded_at)
                    select v.verbatim, lower(v.verbatim), t.id, case when t.id is null then 'UNCODED' else 'EXACT' end, now()
                    from (select distinct r.verbatim from case_reaction r
                          where r.case_version_id between %d and %d and r.verbatim not in (select unnest(%s))
                            and not exists (select 1 from verbatim_coding c where c.verbatim = r.verbatim)) v
                    left join symptom_term t on v.verbatim like 'REACTION TERM %%'
                        and t.code = 'BT' || lpad(substr(v.verbatim, 15), 5, '0')
                        and substr(v.verbatim, 15)::int %% 7 <> 0""".formatted(from, to, VERBATIMS));
            s.execute("drop table bench_names");
            s.execute("select setval('case_report_seq', %d), setval('case_version_seq', %d)"
                    .formatted(to + 100, to + 100));
            for (String t : new String[] {"case_report", "verbatim_coding", "product_name_coding"}) {
                s.execute("alter table " + t + " enable trigger user");
            }
            s.execute("analyze");
        }
    }
}
