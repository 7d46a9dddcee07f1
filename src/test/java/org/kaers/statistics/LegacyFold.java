package org.kaers.statistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.kaers.statistics.aggregates.AggregateStore;

/**
 * The statistics fold as it was before it became set-based (per case correlated sub-queries deriving each fact,
 * every pair of a fact's values unnested per batch), kept only so that {@code StatsBenchmark} can time old
 * against new on the same queue in the same run. Runs in a transaction that is rolled back.
 */
final class LegacyFold {

    private LegacyFold() {}

    static String factSql() {
        StringBuilder values = new StringBuilder("array['" + AggregateStore.ALL + "'");
        StringBuilder multi = new StringBuilder();
        for (Dimension d : Dimension.values()) {
            if (d.level == Dimension.Level.CASE) {
                values.append(", '")
                        .append(d.code)
                        .append("=' || coalesce(")
                        .append(d.key)
                        .append(", '')");
            } else {
                multi.append(" || coalesce((select array_agg(distinct '")
                        .append(d.code)
                        .append("=' || ")
                        .append(d.key)
                        .append(") from ")
                        .append(d.level.tables)
                        .append(" where ")
                        .append(d.level.version)
                        .append(" = s.vid and ")
                        .append(d.key)
                        .append(" is not null), array['")
                        .append(d.code)
                        .append("='])");
            }
        }
        values.append(", '" + AggregateStore.ONSET
                + "=' || coalesce((select to_char(min(r.onset_date), 'YYYY-MM') from case_reaction r"
                + " where r.case_version_id = s.vid), '')]");
        for (Dimension.Level level : Dimension.Level.values()) {
            List<String> combos = new ArrayList<>();
            for (Dimension x : Dimension.values()) {
                for (Dimension y : Dimension.values()) {
                    if (x.level == level
                            && y.level == level
                            && level != Dimension.Level.CASE
                            && x != y
                            && AggregateStore.sameRow(x, y)[0] == x) {
                        combos.add("('" + AggregateStore.sameRowPrefix(x, y) + "' || " + x.key + " || chr(31) || "
                                + y.key + ")");
                    }
                }
            }
            if (!combos.isEmpty()) {
                multi.append(" || coalesce((select array_agg(distinct rx.x) from ")
                        .append(level.tables)
                        .append(" cross join lateral (values ")
                        .append(String.join(", ", combos))
                        .append(") rx(x) where ")
                        .append(level.version)
                        .append(" = s.vid and rx.x is not null), '{}')");
            }
        }
        return "select s.cid, (extract(year from s.received_at at time zone 'UTC') * 100"
                + " + extract(month from s.received_at at time zone 'UTC'))::int as period,"
                + " array(select x from unnest(" + values + multi + ") x order by x collate \"C\") as vals"
                + " from (" + CountingRule.SCOPE + ") s";
    }

    private static String cellsOf(String source) {
        return """
                select x.a, x.b, x.period, sum(x.n) from (
                    select a.v as a, b.v as b, 0 as period, f.sgn as n from %1$s f, unnest(f.vals) a(v), unnest(f.vals) b(v)
                    where (a.v < b.v and (a.v = '*' or b.v not like '~%%')) or (a.v = '*' and b.v = '*')
                    union all
                    select '*', b.v, f.period, f.sgn from %1$s f, unnest(f.vals) b(v) where b.v not like '~%%'
                ) x group by x.a, x.b, x.period having sum(x.n) <> 0""".formatted(source);
    }

    /** Folds the first {@code cases} queue entries the old way, in batches of 2,000, then rolls everything back. */
    static void foldRolledBack(DataSource dataSource, int cases) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("create temp table legacy_batch_ids (cid bigint primary key) on commit drop");
                s.execute(
                        "create temp table legacy_batch (cid bigint, period integer, vals text[] collate \"C\", sgn integer)"
                                + " on commit drop");
                for (int done = 0; done < cases; done += 2000) {
                    try (PreparedStatement take = c.prepareStatement("""
                            with q as (delete from stats_queue where id in (select id from stats_queue order by id limit ?)
                                       returning case_id),
                                 ids as (insert into legacy_batch_ids (cid) select distinct case_id from q)
                            select count(*) from q""")) {
                        take.setInt(1, Math.min(2000, cases - done));
                        take.executeQuery().close();
                    }
                    s.execute(
                            "insert into legacy_batch (cid, period, vals, sgn) select f.cid, f.period, f.vals, 1 from ("
                                    + factSql() + ") f where f.cid in (select cid from legacy_batch_ids)");
                    s.execute("insert into legacy_batch (cid, period, vals, sgn) select case_id, period, vals, -1"
                            + " from stats_fact where case_id in (select cid from legacy_batch_ids)");
                    s.execute("delete from legacy_batch x using legacy_batch y"
                            + " where x.cid = y.cid and x.sgn = -y.sgn and x.period = y.period and x.vals = y.vals");
                    s.execute("insert into stats_cell (a, b, period, n) " + cellsOf("legacy_batch")
                            + " on conflict (a, b, period) do update set n = stats_cell.n + excluded.n");
                    s.execute("delete from stats_fact where case_id in (select cid from legacy_batch where sgn = -1)");
                    s.execute(
                            "insert into stats_fact (case_id, period, vals) select cid, period, vals from legacy_batch"
                                    + " where sgn = 1");
                    s.execute("truncate legacy_batch, legacy_batch_ids");
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** The old rebuild, rolled back. */
    static void rebuildRolledBack(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("select set_config('work_mem', '256MB', true)");
                s.execute("truncate stats_cell, stats_fact");
                s.execute("insert into stats_fact (case_id, period, vals) select cid, period, vals from (" + factSql()
                        + ") f");
                s.execute("insert into stats_cell (a, b, period, n) "
                        + cellsOf("(select period, vals, 1 as sgn from stats_fact)"));
            } finally {
                c.rollback();
            }
        }
    }
}
