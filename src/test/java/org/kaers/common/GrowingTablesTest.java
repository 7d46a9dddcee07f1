package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Tables analyzed as they grow (GrowingTables.analyzeGrown): a table that at least doubled is analyzed quickly, its
 * cached plans then replanned; one that did not is left alone.
 */
@QuarkusTest
class GrowingTablesTest {

    @Inject
    DataSource dataSource;

    @Test
    void aTableThatDoubledIsAnalyzedQuicklyAndThenNotAgainUntilItDoublesOnceMore() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists growing_tables_probe");
                s.execute("create table growing_tables_probe (id integer) with (autovacuum_enabled = false)");
                s.execute("insert into growing_tables_probe select generate_series(1, 5000)");
            }
            try {
                awaitChanges(c, 5000);
                c.setAutoCommit(false);
                assertThat(GrowingTables.analyzeGrown(c)).contains("growing_tables_probe");
                // the quick sample: at most 10 most common values, a histogram of at most 11 bounds
                assertThat(single(
                                c,
                                "select coalesce(array_length(histogram_bounds::text::int[], 1), 0)"
                                        + " from pg_stats where tablename = 'growing_tables_probe' and attname = 'id'"))
                        .isBetween(2L, 11L);
                assertThat(single(c, "select reltuples::bigint from pg_class where relname = 'growing_tables_probe'"))
                        .isEqualTo(5000L);
                c.commit();
                assertThat(GrowingTables.analyzeGrown(c)).doesNotContain("growing_tables_probe");
                c.commit();

                // full statistics afterwards (the import's last step)
                GrowingTables.analyze(c, java.util.List.of("growing_tables_probe"));
                assertThat(single(
                                c,
                                "select coalesce(array_length(histogram_bounds::text::int[], 1), 0)"
                                        + " from pg_stats where tablename = 'growing_tables_probe' and attname = 'id'"))
                        .isGreaterThan(11L);
                c.commit();
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("drop table growing_tables_probe");
                }
            }
        }
    }

    /** PostgreSQL counts a backend's changes in the shared statistics once that backend reports them (within ~1 s). */
    private static void awaitChanges(Connection c, long changes) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (single(
                            c,
                            "select coalesce(max(n_mod_since_analyze), 0) from pg_stat_user_tables"
                                    + " where relname = 'growing_tables_probe'")
                    >= changes) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("PostgreSQL never counted the probe table's " + changes + " inserts");
    }

    private static long single(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
