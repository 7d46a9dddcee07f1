package org.kaers.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * The write side of the statistics aggregates. Triggers (migration V3) queue every case whose counted values may
 * have changed, in the transaction of the change; this store folds queued cases into {@code stats_fact} (each
 * counted case's values) and {@code stats_cell} (case counts per pair of values), one worker at a time (advisory
 * lock), so that cells have a single writer and submissions never wait on a counter row. A case is re-derived
 * from its raw rows and current coding, and only the difference from its previous fact is applied, so processing
 * a case twice changes nothing. Cells that fall to 0 stay (readers skip them) until the next rebuild.
 */
@ApplicationScoped
public class AggregateStore {

    /** Held (transaction-scoped) by whoever writes the aggregates. */
    private static final long WORKER_LOCK = 4_242_002L;
    /** The value every counted case has: cells ('*', v) count cases with v, ('*', '*') all cases. */
    static final String ALL = "*";
    /** The internal dimension of the month of onset (yyyy-MM), for onset trends. */
    static final String ONSET = "onset";

    private final EntityManager em;

    AggregateStore(EntityManager em) {
        this.em = em;
    }

    /** How far the aggregates are behind the raw rows. */
    public record Status(long pendingCases, Instant oldestPending, Instant newestPending, Instant appliedThrough,
            Instant appliedAt, Instant rebuiltAt, long dataVersion) {

        /** How long the oldest pending change has waited, in whole seconds: how far the aggregates are behind. */
        public long lagSeconds() {
            return oldestPending == null ? 0
                    : Math.max(0, java.time.Duration.between(oldestPending, Instant.now()).toSeconds());
        }
    }

    /** The SQL giving each counted case's fact: (cid, period yyyymm of receipt, sorted 'dimension=key' values). */
    static String factSql() {
        StringBuilder values = new StringBuilder("array['" + ALL + "'");
        StringBuilder multi = new StringBuilder();
        for (Dimension d : Dimension.values()) {
            if (d.level == Dimension.Level.CASE) {
                values.append(", '").append(d.code).append("=' || coalesce(").append(d.key).append(", '')");
            } else {
                multi.append(" || coalesce((select array_agg(distinct '").append(d.code).append("=' || ").append(d.key)
                        .append(") from ").append(d.level.tables).append(" where ").append(d.level.version)
                        .append(" = s.vid and ").append(d.key).append(" is not null), array['").append(d.code)
                        .append("='])");
            }
        }
        values.append(", '" + ONSET + "=' || coalesce((select to_char(min(r.onset_date), 'YYYY-MM') from case_reaction r"
                + " where r.case_version_id = s.vid), '')]");
        for (Dimension.Level level : Dimension.Level.values()) {
            List<String> combos = new ArrayList<>();
            for (Dimension x : Dimension.values()) {
                for (Dimension y : Dimension.values()) {
                    if (x.level == level && y.level == level && level != Dimension.Level.CASE && x != y
                            && sameRow(x, y)[0] == x) {
                        combos.add("('" + sameRowPrefix(x, y) + "' || " + x.key + " || chr(31) || " + y.key + ")");
                    }
                }
            }
            if (!combos.isEmpty()) {
                multi.append(" || coalesce((select array_agg(distinct rx.x) from ").append(level.tables)
                        .append(" cross join lateral (values ").append(String.join(", ", combos)).append(") rx(x) where ")
                        .append(level.version).append(" = s.vid and rx.x is not null), '{}')");
            }
        }
        return "select s.cid, (extract(year from s.received_at at time zone 'UTC') * 100"
                + " + extract(month from s.received_at at time zone 'UTC'))::int as period,"
                + " array(select x from unnest(" + values + multi + ") x order by x collate \"C\") as vals"
                + " from (" + CountingRule.SCOPE + ") s";
    }

    /**
     * Two dimensions of the same product or reaction row, in the order their combined value is stored: the
     * free-text one (reported name, verbatim) last, so that the key splits at the first separator.
     */
    static Dimension[] sameRow(Dimension x, Dimension y) {
        boolean swap = freeText(x) != freeText(y) ? freeText(x) : x.ordinal() > y.ordinal();
        return swap ? new Dimension[] {y, x} : new Dimension[] {x, y};
    }

    /**
     * The prefix of the combined values of two dimensions of the same row ('~' sorts after every dimension
     * name; such values are counted alone, never paired): {@code ~x,y=} then key x, chr(31), key y.
     */
    static String sameRowPrefix(Dimension x, Dimension y) {
        Dimension[] order = sameRow(x, y);
        return ROW + order[0].code + "," + order[1].code + "=";
    }

    static final String ROW = "~";

    private static boolean freeText(Dimension d) {
        return d == Dimension.PRODUCT_NAME || d == Dimension.VERBATIM;
    }

    /**
     * The cells of the rows of {@code source} (with columns cid, period, vals and sgn: +1 to add a fact, -1 to
     * take it away), summed, as (a, b, period, n, k), k the sum of the cases' disclosure keys (statistics.disclosure): every pair a < b of a fact's values, and ('*', '*'), for all time;
     * ('*', v) for every value v per month of receipt.
     */
    private static String cellsOf(String source) {
        return """
                select x.a, x.b, x.period, sum(x.n), sum(x.k) from (
                    select a.v as a, b.v as b, 0 as period, f.sgn as n, f.sgn * ck.disclosure_key as k
                    from %1$s f join case_report ck on ck.id = f.cid, unnest(f.vals) a(v), unnest(f.vals) b(v)
                    where (a.v < b.v and (a.v = '*' or b.v not like '~%%')) or (a.v = '*' and b.v = '*')
                    union all
                    select '*', b.v, f.period, f.sgn, f.sgn * ck.disclosure_key
                    from %1$s f join case_report ck on ck.id = f.cid, unnest(f.vals) b(v) where b.v not like '~%%'
                ) x group by x.a, x.b, x.period having sum(x.n) <> 0 or sum(x.k) <> 0""".formatted(source);
    }

    /**
     * Folds up to {@code batch} queued cases into the aggregates, unless another worker holds the lock.
     *
     * @param wait whether to wait for another worker rather than give up
     * @return the queue entries consumed (0 when there were none or another worker was busy)
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public int processBatch(int batch, boolean wait) {
        if (wait) {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)::text").setParameter(1, WORKER_LOCK).getSingleResult();
        } else if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, WORKER_LOCK)
                .getSingleResult()) {
            return 0;
        }
        em.createNativeQuery("""
                create temp table if not exists stats_batch_ids (cid bigint primary key) on commit delete rows""")
                .executeUpdate();
        em.createNativeQuery("""
                create temp table if not exists stats_batch (cid bigint, period integer, vals text[] collate "C", sgn integer)
                on commit delete rows""").executeUpdate();
        Object[] taken = (Object[]) em.createNativeQuery("""
                with q as (delete from stats_queue where id in (select id from stats_queue order by id limit ?1)
                           returning case_id, queued_at),
                     ids as (insert into stats_batch_ids (cid) select distinct case_id from q)
                select count(*), max(queued_at) from q""")
                .setParameter(1, batch).getSingleResult();
        int consumed = ((Number) taken[0]).intValue();
        if (consumed == 0) {
            return 0;
        }
        em.createNativeQuery("insert into stats_batch (cid, period, vals, sgn) select f.cid, f.period, f.vals, 1 from ("
                + factSql() + ") f where f.cid in (select cid from stats_batch_ids)").executeUpdate();
        em.createNativeQuery("""
                insert into stats_batch (cid, period, vals, sgn)
                select case_id, period, vals, -1 from stats_fact where case_id in (select cid from stats_batch_ids)""")
                .executeUpdate();
        // A case whose fact did not change cancels out.
        em.createNativeQuery("""
                delete from stats_batch x using stats_batch y
                where x.cid = y.cid and x.sgn = -y.sgn and x.period = y.period and x.vals = y.vals""").executeUpdate();
        em.createNativeQuery("insert into stats_cell (a, b, period, n, k) " + cellsOf("stats_batch")
                + " on conflict (a, b, period) do update set n = stats_cell.n + excluded.n, k = stats_cell.k + excluded.k").executeUpdate();
        em.createNativeQuery("delete from stats_fact where case_id in (select cid from stats_batch where sgn = -1)")
                .executeUpdate();
        em.createNativeQuery("insert into stats_fact (case_id, period, vals) select cid, period, vals from stats_batch"
                + " where sgn = 1").executeUpdate();
        em.createNativeQuery("""
                update stats_state set applied_through = greatest(applied_through, ?1), applied_at = now(),
                       data_version = data_version + 1 where id = 1""")
                .setParameter(1, org.kaers.common.SqlValues.instant(taken[1])).executeUpdate();
        return consumed;
    }

    /** Folds every queued case in, waiting for a running worker; returns the queue entries consumed. */
    public long catchUp() {
        long total = 0;
        int n;
        while ((n = processBatch(BATCH, true)) > 0) {
            total += n;
        }
        return total;
    }

    static final int BATCH = 2000;

    /**
     * Recomputes every fact and cell from the raw rows, in one transaction: readers see the old aggregates
     * until it commits. Changes committed meanwhile stay queued and are folded in afterwards.
     */
    @Transactional
    @TransactionConfiguration(timeout = 7200)
    public Status rebuild() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text").setParameter(1, WORKER_LOCK).getSingleResult();
        em.createNativeQuery("select set_config('work_mem', '256MB', true)").getSingleResult();
        Instant through = (Instant) em.createNativeQuery("select now()", Instant.class).getSingleResult();
        em.createNativeQuery("delete from stats_queue where queued_at <= ?1").setParameter(1, through).executeUpdate();
        em.createNativeQuery("truncate stats_cell, stats_fact").executeUpdate();
        em.createNativeQuery("insert into stats_fact (case_id, period, vals) select cid, period, vals from (" + factSql()
                + ") f").executeUpdate();
        em.createNativeQuery("insert into stats_cell (a, b, period, n, k) "
                + cellsOf("(select case_id as cid, period, vals, 1 as sgn from stats_fact)")).executeUpdate();
        em.createNativeQuery("update stats_state set applied_through = ?1, applied_at = now(), rebuilt_at = now(),"
                + " data_version = data_version + 1 where id = 1").setParameter(1, through).executeUpdate();
        em.createNativeQuery("analyze stats_cell").executeUpdate();
        return status();
    }

    /**
     * The state, read from the ends of the queue (two index probes, however many dead rows the queue has left
     * behind): pending is the span of queue positions, exact unless a transaction that queued rolled back.
     */
    @Transactional
    public Status status() {
        Object[] q = (Object[]) em.createNativeQuery("""
                select coalesce(l.id - f.id + 1, 0), f.queued_at, l.queued_at, s.applied_through, s.applied_at,
                       s.rebuilt_at, s.data_version
                from stats_state s
                left join lateral (select id, queued_at from stats_queue order by id limit 1) f on true
                left join lateral (select id, queued_at from stats_queue order by id desc limit 1) l on true
                where s.id = 1""").getSingleResult();
        return new Status(((Number) q[0]).longValue(), org.kaers.common.SqlValues.instant(q[1]), org.kaers.common.SqlValues.instant(q[2]), org.kaers.common.SqlValues.instant(q[3]), org.kaers.common.SqlValues.instant(q[4]),
                org.kaers.common.SqlValues.instant(q[5]), ((Number) q[6]).longValue());
    }
}
