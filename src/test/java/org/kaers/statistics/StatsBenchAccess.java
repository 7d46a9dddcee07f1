package org.kaers.statistics;

import jakarta.ws.rs.core.MultivaluedMap;

/** Lets the benchmarks (another package) recount from the raw rows with the API's own parsing. */
public final class StatsBenchAccess {

    private StatsBenchAccess() {}

    public static Object recountCounts(StatsService stats, MultivaluedMap<String, String> params) {
        return stats.recount(BoundQuery.counts(params));
    }

    public static Object recountTrend(TrendService trends, MultivaluedMap<String, String> params) {
        TrendParams t = BoundQuery.bind(TrendParams.class, params);
        return trends.recount(BoundQuery.filters(params), t.period(), t.onset());
    }

    public static Object recountSummary(StatsService stats, MultivaluedMap<String, String> params) {
        return stats.recountSummary(BoundQuery.filters(params));
    }

    /** The fold as it was before it became set-based, on the first {@code cases} queued, rolled back. */
    public static void legacyFoldRolledBack(javax.sql.DataSource dataSource, int cases) throws java.sql.SQLException {
        LegacyFold.foldRolledBack(dataSource, cases);
    }

    /** The fold as it was before issue 16 (pairs in SQL), on the first {@code cases} queued, rolled back. */
    public static void sqlPairsFoldRolledBack(javax.sql.DataSource dataSource, int cases) throws java.sql.SQLException {
        SqlPairsFold.foldRolledBack(dataSource, cases);
    }

    /** The rebuild as it was before, rolled back. */
    public static void legacyRebuildRolledBack(javax.sql.DataSource dataSource) throws java.sql.SQLException {
        LegacyFold.rebuildRolledBack(dataSource);
    }
}
