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
 */
public final class GrowingTables {

    private GrowingTables() {}

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
