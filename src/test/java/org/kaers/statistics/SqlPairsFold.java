package org.kaers.statistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.kaers.statistics.aggregates.AggregateStore;

/**
 * The fold as it was before issue 16 (kept for the benchmark's before/after ratio within one run): every fact's
 * pairs generated and grouped in SQL, the missing values of case-level dimensions paired too.
 */
final class SqlPairsFold {

    private SqlPairsFold() {}

    /** The old cell deltas of the facts in {@code source} (columns cid, period, vals, sgn). */
    static String cellDeltas(String source) {
        return """
                with f as materialized (
                    select s.period, s.vals, s.sgn, s.sgn * ck.disclosure_key as k
                    from %1$s s join case_report ck on ck.id = s.cid)
                select x.a, x.b, x.period, sum(x.n) as n, sum(x.k) as k from (
                    select '*' as a, v.v as b, 0 as period, f.sgn as n, f.k from f, unnest(f.vals) v(v)
                    union all
                    select '*', v.v, f.period, f.sgn, f.k from f, unnest(f.vals) v(v) where v.v not like '~%%'
                    union all
                    select a.v, b.v, 0, p.sgn, p.k
                    from (select f.sgn, f.k, array(select v from unnest(f.vals) v where v <> '*' and v not like '~%%')
                          as plain from f) p
                    cross join lateral unnest(p.plain) with ordinality a(v, i)
                    cross join lateral (select split_part(a.v, '=', 1) || '=' as dim) ad
                    cross join lateral unnest(p.plain[a.i + 1:]) b(v)
                    where not starts_with(b.v, ad.dim)
                ) x group by x.a, x.b, x.period having sum(x.n) <> 0 or sum(x.k) <> 0
                order by x.a, x.b, x.period""".formatted(source);
    }

    /** Folds the first {@code cases} queue entries the old way, in batches of 5,000, then rolls everything back. */
    static void foldRolledBack(DataSource dataSource, int cases) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("select set_config('work_mem', '128MB', true), set_config('jit', 'off', true)");
                s.execute("create temp table sql_batch_ids (cid bigint primary key) on commit drop");
                s.execute(
                        "create temp table sql_batch (cid bigint, period integer, vals text[] collate \"C\", sgn integer)"
                                + " on commit drop");
                for (int done = 0; done < cases; done += AggregateStore.BATCH) {
                    try (PreparedStatement take = c.prepareStatement("""
                            with q as (delete from stats_queue where id in (select id from stats_queue order by id limit ?)
                                       returning case_id),
                                 ids as (insert into sql_batch_ids (cid) select distinct case_id from q)
                            select count(*) from q""")) {
                        take.setInt(1, Math.min(AggregateStore.BATCH, cases - done));
                        take.executeQuery().close();
                    }
                    s.execute("analyze sql_batch_ids");
                    s.execute("insert into sql_batch (cid, period, vals, sgn) with n as materialized ("
                            + AggregateStore.factSql("s0.cid in (select cid from sql_batch_ids)")
                            + "), o as materialized ("
                            + "select case_id as cid, period, vals from stats_fact where case_id in (select cid from sql_batch_ids))"
                            + " select cid, period, vals, 1 from n where not exists (select 1 from o where o.cid = n.cid"
                            + " and o.period = n.period and o.vals = n.vals)"
                            + " union all select cid, period, vals, -1 from o where not exists (select 1 from n where n.cid = o.cid"
                            + " and n.period = o.period and n.vals = o.vals)");
                    s.execute(
                            "insert into stats_cell (a, b, period, n, k) " + cellDeltas("sql_batch")
                                    + " on conflict (a, b, period) do update set n = stats_cell.n + excluded.n, k = stats_cell.k + excluded.k");
                    s.execute("delete from stats_fact where case_id in (select cid from sql_batch where sgn = -1)");
                    s.execute("insert into stats_fact (case_id, period, vals) select cid, period, vals from sql_batch"
                            + " where sgn = 1");
                    s.execute("truncate sql_batch, sql_batch_ids");
                }
            } finally {
                c.rollback();
            }
        }
    }
}
