package org.kaers.common;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Statements on tables that grow while they run: an import adds tens of thousands of cases, products and aliases in
 * a minute. PostgreSQL caches a generic plan of a prepared statement after its fifth run and keeps it until the
 * table's statistics change (autovacuum analyzes a database at most once a minute), so a plan made when the table
 * held a few rows stays: on FDA's shape the lookup of a batch's report numbers scanned every stored CAERS case (its
 * index condition was the source alone) and the product candidates every alias key, so each batch cost more than the
 * one before (found with auto_explain, README Benchmarks, issue 12). Planned for its own run, a statement sees the
 * table's current size (the planner scales its statistics by the table's current number of pages).
 *
 * <p>Only around the statements that need it: a whole transaction planned this way also replans every statement of
 * the row triggers its inserts fire, once per row (an import of FDA's shape then took twice the time).
 *
 * <p>The other statements keep their cached plans, and {@link #analyzeGrown} replaces those plans while the tables
 * grow: analyzing a table invalidates every cached plan that reads it, and a table is analyzed each time it has at
 * least doubled, so an import of n cases re-plans about log2(n / {@value #MIN_CHANGES}) times per table instead of
 * keeping the plans of an empty database (on FDA's shape the source-coded terms' statement grew from 18 to 228 ms a
 * batch, the product candidates' from 1 to 135 ms, until autovacuum's analyze came, README Benchmarks, issue 12).
 */
public final class GrowingTables {

    private GrowingTables() {}

    /** Fewer changed rows than this never make a table "grown" (analyzing it would cost more than its plans). */
    static final int MIN_CHANGES = 1000;

    /** The statistics target of {@link #analyzeGrown}'s quick analyses. */
    static final int QUICK_TARGET = 10;

    /**
     * Analyzes every table of the current schema whose rows changed since its last analyze (inserted, updated or
     * deleted, as PostgreSQL's statistics count them) at least as many times as it had rows then, and at least
     * {@value #MIN_CHANGES} times, with a sample of {@value #QUICK_TARGET} x 300 rows instead of the default 100 x
     * 300: enough to plan index look-ups against scans, at a fifth of the cost (78 against 22 ms for 211,000 case
     * reactions); {@link #analyze} later gives them full statistics. A table that autovacuum is analyzing is skipped
     * ({@code SKIP_LOCKED}). In the caller's transaction, which should be short: ANALYZE holds its lock until the
     * commit (it blocks no reads or writes, only another ANALYZE or VACUUM of the table).
     *
     * @return the tables analyzed (quoted names)
     */
    public static java.util.List<String> analyzeGrown(Connection c) throws SQLException {
        java.util.List<String> grown = new java.util.ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                select quote_ident(s.relname) from pg_stat_user_tables s join pg_class t on t.oid = s.relid
                where s.schemaname = current_schema() and s.n_mod_since_analyze >= greatest(?, t.reltuples)
                order by s.relname""")) {
            q.setInt(1, MIN_CHANGES);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    grown.add(r.getString(1));
                }
            }
        }
        if (!grown.isEmpty()) {
            try (PreparedStatement target =
                    c.prepareStatement("select set_config('default_statistics_target', ?, true)")) {
                target.setString(1, Integer.toString(QUICK_TARGET));
                target.execute();
            }
            analyze(c, grown);
        }
        return grown;
    }

    /** Analyzes {@code tables} (quoted names, from {@link #analyzeGrown}), skipping any being analyzed already. */
    public static void analyze(Connection c, java.util.Collection<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (java.sql.Statement analyze = c.createStatement()) {
            analyze.execute("analyze (skip_locked) " + String.join(", ", tables));
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} on {@code c} with each of its statements planned for its own run, then restores the setting. */
    public static <T> T planEachRun(Connection c, Work<T> work) throws SQLException {
        String before;
        try (PreparedStatement set = c.prepareStatement("select current_setting('plan_cache_mode'),"
                        + " set_config('plan_cache_mode', 'force_custom_plan', true)");
                ResultSet r = set.executeQuery()) {
            r.next();
            before = r.getString(1);
        }
        // Restored only after the work succeeded: a failed statement has aborted the transaction (a reset would fail
        // too and hide the failure), and its rollback discards the transaction-local setting anyway.
        T result = work.run();
        try (PreparedStatement reset = c.prepareStatement("select set_config('plan_cache_mode', ?, true)")) {
            reset.setString(1, before);
            reset.execute();
        }
        return result;
    }

    /** {@link #planEachRun(Connection, Work)} around native queries of {@code em}. */
    public static <T> T planEachRun(EntityManager em, java.util.function.Supplier<T> work) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> planEachRun(c, work::get));
    }
}
