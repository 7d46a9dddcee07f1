package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;

/**
 * The first page of a product x symptom cross at real cardinality, live (the statement every cross ran before
 * releases: every pair read, labelled, sorted, then paged) against the researchers' read of the same page from a
 * release's published values (index in page order, stored group count). Seeds the aggregate cells straight into
 * {@code stats_cell} with the shape of CAERS-like data (DOMAIN.md: tens of thousands of products, thousands of
 * terms, most rare): 40,000 products (30% curated) and 4,500 terms, product and term of each pair drawn with
 * skewed (power-law) popularity, -Dbench.pairs (default 150,000) distinct pairs whose counts follow a Zipf-like law
 * (about 60% of pairs hold one case). Then cuts a release over HTTP and times both reads over HTTP (the
 * published one 200 rounds after 30 of warm-up, the live one, seconds a round, 20 after 3), prints p50, p95 and
 * their ratio, and the plan of the page's statement. Run (own database, explicit heap):
 * {@code ./mvnw -B -Pbench test -Dtest=ReleaseCrossBenchmark -Dtest.jvm.args="-Xmx1g -XX:+UseParallelGC
 * -DKAERS_TEST_DB_URL=jdbc:postgresql://localhost:5432/<db> -Dquarkus.http.test-port=0
 * -Dkaers.stats.aggregate-interval=off -Dkaers.signals.refit-check=off -Dquarkus.test.hang-detection-timeout=60m"}.
 */
@QuarkusTest
@Tag("benchmark")
class ReleaseCrossBenchmark {

    private static final int PRODUCTS = 40_000;
    private static final int TERMS = 4_500;
    /** Rounds of the published read (and a tenth of them for the live one, which takes seconds a round). */
    private static final int WARM_UP = 30;

    private static final int ROUNDS = 200;

    @Inject
    DataSource dataSource;

    @Test
    void productBySymptomFirstPage() throws Exception {
        int pairs = Integer.getInteger("bench.pairs", 150_000);
        long t0 = System.nanoTime();
        seed(pairs);
        System.out.printf("seeded %,d pairs in %.1f s%n", pairs, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        given().header("Authorization", Tokens.bearer(Tokens.ADMIN))
                .post("/api/v1/stats/releases")
                .then()
                .statusCode(201);
        System.out.printf("release cut in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        String reviewer = Tokens.bearer(Tokens.of("bench-reviewer@test", "REVIEWER"));
        String researcher = Tokens.bearer(Tokens.of("bench-researcher@test", "RESEARCHER"));
        long groups = ((Number) given().header("Authorization", researcher)
                        .queryParam("by", "product,symptom")
                        .get("/api/v1/stats/counts")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("meta.groups"))
                .longValue();
        System.out.printf("product x symptom: %,d pairs listed to researchers%n", groups);
        double[] live = time(reviewer, WARM_UP / 10, ROUNDS / 10);
        double[] published = time(researcher, WARM_UP, ROUNDS);
        System.out.printf(
                "first page (100) of product x symptom, ms p50 / p95: live (every pair) %.1f / %.1f;"
                        + " release, published values %.2f / %.2f; p95 ratio %.0fx%n",
                live[0], live[1], published[0], published[1], live[1] / published[1]);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet r =
                        s.executeQuery("explain (analyze, buffers) select c.a, c.b, c.p from stats_release_cell c"
                                + " where split_part(c.a, '=', 1) = 'product' and split_part(c.b, '=', 1) = 'symptom'"
                                + " and c.period = 0 and c.p > 0 and c.a <> 'product=' and c.b <> 'symptom='"
                                + " order by c.p desc, c.a, c.b limit 100")) {
            while (r.next()) {
                System.out.println("  " + r.getString(1));
            }
        }
    }

    private static double[] time(String token, int warmUp, int rounds) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < warmUp + rounds; i++) {
            long t = System.nanoTime();
            given().header("Authorization", token)
                    .queryParam("by", "product,symptom")
                    .queryParam("size", 100)
                    .get("/api/v1/stats/counts")
                    .then()
                    .statusCode(200);
            if (i >= warmUp) {
                ms.add((System.nanoTime() - t) / 1e6);
            }
        }
        Collections.sort(ms);
        return new double[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1)};
    }

    private void seed(int pairs) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("select setseed(0.14)");
            s.execute("insert into symptom_term (code, preferred_name, organ_class, curated) select 'BX' || i,"
                    + " 'Bench term ' || i, (select code from organ_class order by code limit 1), true"
                    + " from generate_series(1, " + TERMS + ") i");
            s.execute("create temp table bench_product (i int primary key, id bigint)");
            s.execute("with p as (insert into product (name, substance, curated) select 'Bench product ' || i,"
                    + " (select code from substance order by code limit 1), random() < 0.3 from generate_series(1, "
                    + PRODUCTS
                    + ") i returning id) insert into bench_product select row_number() over (order by id), id from p");
            // Distinct pairs, popularity skewed on both sides; counts Zipf-like (most pairs hold one case).
            s.execute("create temp table bench_pair as select distinct on (p, t) p, t,"
                    + " least(5000, floor(1 / power(random(), 1.3)))::bigint as n,"
                    + " floor(random() * 4294967296)::bigint as k from ("
                    + " select 1 + floor(" + PRODUCTS + " * power(random(), 2.5))::int as p,"
                    + " 1 + floor(" + TERMS + " * power(random(), 2))::int as t"
                    + " from generate_series(1, " + (pairs * 3) + ")) x");
            s.execute("delete from bench_pair where (p, t) not in (select p, t from bench_pair order by random() limit "
                    + pairs + ")");
            s.execute("insert into stats_cell (a, b, period, n, k) select 'product=' || bp.id, 'symptom=BX' || x.t, 0,"
                    + " x.n, x.k from bench_pair x join bench_product bp on bp.i = x.p");
            s.execute("insert into stats_cell (a, b, period, n, k) select '*', 'product=' || bp.id, 0, sum(x.n),"
                    + " sum(x.k) from bench_pair x join bench_product bp on bp.i = x.p group by bp.id");
            s.execute(
                    "insert into stats_cell (a, b, period, n, k) select '*', 'symptom=BX' || x.t, 0, sum(x.n), sum(x.k)"
                            + " from bench_pair x group by x.t");
            s.execute("insert into stats_cell (a, b, period, n, k) values ('*', 'product=', 0, 120, 77),"
                    + " ('*', 'symptom=', 0, 340, 99), ('*', '*', 0, (select sum(n) from bench_pair), 12345)");
            s.execute("analyze");
        }
    }
}
