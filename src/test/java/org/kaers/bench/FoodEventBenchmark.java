package org.kaers.bench;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.Tokens;

/**
 * openFDA's food/event queries at the size of FDA's CAERS file: imports a generated CAERS export of
 * {@code bench.rows} rows (default 90,786: about 63,600 reports, FDA's 2004-2017 file has 64,517; {@link
 * CaersShapedFile}) through the importer, makes every counted case the latest release (straight in SQL: the
 * researchers' view reads the release's case versions only, and folding 64,000 cases into the aggregates first
 * would time the statistics worker, not openFDA), then times DOMAIN.md's example queries and paging over HTTP as
 * a reviewer (live records) and a researcher (counts and totals from the release, released through the cell key
 * method): {@code bench.warm-up} rounds, then {@code bench.rounds} measured over V82's materialised records, and
 * {@code bench.before-rounds} over V80's view as it was (every record built per query), so before and after come
 * from one run and one data set. With {@code -Dbench.reuse=true} (and
 * {@code '-D%test.quarkus.flyway.clean-at-start=false'}) it re-times the data already imported: a migration added
 * since then runs on it first, so before/after is one import.
 */
@QuarkusTest
@Tag("benchmark")
class FoodEventBenchmark {

    private static final String F = "/food/event.json";
    /** openfda.FoodEventStore.COMPUTED: read V80's view (records built per query), for the "before" figures. */
    private static final String COMPUTED = "kaers.openfda.computed";

    @Inject
    DataSource dataSource;

    @Test
    void openFdaQueriesAtCaersSize() throws Exception {
        int rows = Integer.getInteger("bench.rows", 90_786);
        int warmUp = Integer.getInteger("bench.warm-up", 5);
        int rounds = Integer.getInteger("bench.rounds", 20);
        System.out.printf("%n=== openFDA food/event benchmark ===%n");
        if (!Boolean.getBoolean("bench.reuse")) {
            Path file = Path.of("target", "bench-openfda-" + rows + ".csv");
            int reports = new CaersShapedFile(18 + rows).write(file, rows, "OF-");
            System.out.printf("%,d rows, %,d reports generated%n", rows, reports);
            CaersImportBenchmark.run("import", file);
            Files.deleteIfExists(file);
        }
        sql(
                "delete from stats_release_case",
                "insert into stats_release_case (case_id, version_id) select cr.id, v.id from case_report cr"
                        + " join case_version v on v.case_id = cr.id and v.version = cr.current_version"
                        + " where cr.status = 'ACTIVE'",
                "insert into stats_release (data_version, cells, cases) select coalesce(max(data_version), 0), 0,"
                        + " (select count(*) from stats_release_case) from stats_state",
                "analyze");
        String reviewer = Tokens.bearer(Tokens.of("bench-reviewer@test", "REVIEWER"));
        String researcher = Tokens.bearer(Tokens.of("bench-researcher@test", "RESEARCHER"));
        System.out.printf(
                "%,d counted cases; %,d kratom cases%n",
                total(reviewer, null), total(reviewer, "products.name_brand:kratom"));

        List<String[]> queries = List.of(
                new String[] {
                    "count reactions.exact of kratom", "search=products.name_brand:kratom&count=reactions.exact"
                },
                new String[] {"count date_created of kratom", "search=products.name_brand:kratom&count=date_created"},
                new String[] {
                    "total kratom AND DEATH", "search=products.name_brand:kratom+AND+outcomes.exact:%22DEATH%22&limit=0"
                },
                new String[] {
                    "total maeng da in 2014-2016",
                    "search=products.name_brand:%22maeng+da%22+AND+date_created:%5B20140101+TO+20161231%5D&limit=0"
                },
                new String[] {"count reactions.exact, all", "count=reactions.exact"},
                new String[] {"count consumer.gender, all", "count=consumer.gender"});
        List<String[]> records = List.of(
                new String[] {
                    "records: kratom 2014-2016, limit 100 skip 100",
                    "search=products.name_brand:kratom+AND+date_created:%5B2014-01-01+TO+2016-12-31%5D&limit=100&skip=100"
                },
                new String[] {
                    "records: kratom, limit 100 skip 5000", "search=products.name_brand:kratom&limit=100&skip=5000"
                },
                new String[] {
                    "records: sort date_created desc, limit 100",
                    "search=products.name_brand:kratom&sort=date_created:desc&limit=100"
                });
        int beforeRounds = Integer.getInteger("bench.before-rounds", 3);
        System.out.printf("%-48s %s%n", "", "before: V80's view (every record built per query); after: V82's records");
        for (String[] q : queries) {
            compare("reviewer   " + q[0], reviewer, q[1], warmUp, rounds, beforeRounds);
            compare("researcher " + q[0], researcher, q[1], warmUp, rounds, beforeRounds);
        }
        for (String[] q : records) {
            compare("reviewer   " + q[0], reviewer, q[1], warmUp, rounds, beforeRounds);
        }
        // search_after: five pages of 100 following Link rel="next"
        System.out.println(
                Timings.summary("reviewer   5 pages by search_after (100 each)", pages(reviewer, warmUp, rounds)));
        System.setProperty(COMPUTED, "true");
        try {
            System.out.println(
                    Timings.summary("  before   5 pages by search_after (100 each)", pages(reviewer, 1, beforeRounds)));
        } finally {
            System.clearProperty(COMPUTED);
        }
    }

    /** The query timed over V82's records, then (property COMPUTED) over V80's view, and the ratio of the medians. */
    private static void compare(String name, String token, String query, int warmUp, int rounds, int beforeRounds) {
        long[] after = time(token, query, warmUp, rounds);
        System.setProperty(COMPUTED, "true");
        long[] before;
        try {
            before = time(token, query, 1, beforeRounds);
        } finally {
            System.clearProperty(COMPUTED);
        }
        System.out.println(Timings.summary(name, after));
        System.out.println(
                Timings.summary("  before", before) + "  p50 ratio %.0fx".formatted(median(before) / median(after)));
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long[] pages(String token, int warmUp, int rounds) {
        long[] nanos = new long[rounds];
        for (int r = -warmUp; r < rounds; r++) {
            long start = System.nanoTime();
            String next = F + "?search=products.name_brand:kratom&sort=date_created:desc&limit=100";
            for (int p = 0; p < 5 && next != null; p++) {
                var response = given().urlEncodingEnabled(false)
                        .header("Authorization", token)
                        .get(next);
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.statusCode() + " " + response.asString());
                }
                String link = response.header("Link");
                next = link == null ? null : link.replaceFirst("^<[a-z]+://[^/]+([^>]*)>.*$", "$1");
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static long total(String token, String search) {
        var spec = given().header("Authorization", token).queryParam("limit", 0);
        if (search != null) {
            spec = spec.queryParam("search", search);
        }
        return spec.get(F).then().statusCode(200).extract().jsonPath().getLong("meta.results.total");
    }

    private static long[] time(String token, String query, int warmUp, int rounds) {
        long[] nanos = new long[rounds];
        for (int r = -warmUp; r < rounds; r++) {
            long start = System.nanoTime();
            var response = given().urlEncodingEnabled(false)
                    .header("Authorization", token)
                    .get(F + "?" + query);
            // 404 NOT_FOUND is openFDA's answer to no match (for a researcher also a total released as 0)
            if (response.statusCode() != 200
                    && !(response.statusCode() == 404 && response.asString().contains("NOT_FOUND"))) {
                throw new IllegalStateException(query + ": " + response.statusCode() + " " + response.asString());
            }
            if (r >= 0) {
                nanos[r] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
