package org.kaers.statistics.aggregates;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kaers.statistics.CountingRule;
import org.kaers.statistics.Dimension;
import org.kaers.statistics.model.ReadSide;

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
    public static final String ALL = "*";
    /** The internal dimension of the month of onset (yyyy-MM), for onset trends. */
    public static final String ONSET = "onset";

    private final EntityManager em;
    private final BulkFold bulkFold;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    private final jakarta.transaction.TransactionSynchronizationRegistry transaction;

    AggregateStore(
            @ReadSide EntityManager em,
            io.micrometer.core.instrument.MeterRegistry metrics,
            BulkFoldConfig config,
            jakarta.transaction.TransactionSynchronizationRegistry transaction) {
        this.em = em;
        this.metrics = metrics;
        this.transaction = transaction;
        this.bulkFold = new BulkFold(config.minCases(), config.share(), config.deferCases(), config.deferRate());
    }

    /** When a fold of queued changes writes the cells anew ({@link BulkFold}; README, Configuration). */
    @io.smallrye.config.ConfigMapping(prefix = "kaers.stats.bulk-fold")
    public interface BulkFoldConfig {
        /** Cases in the batch, at least. */
        @io.smallrye.config.WithDefault("20000")
        long minCases();

        /** Cases in the batch per case counted so far, at least. */
        @io.smallrye.config.WithDefault("0.25")
        double share();

        /**
         * A growing backlog of at least this many cases, queued at import speed, is left until it settles (100: a
         * burst of submissions is one, not only an import; the worker drains its queue every second, so a backlog of
         * 1,000 was never seen below 1,000 submissions a second).
         */
        @io.smallrye.config.WithDefault("100")
        long deferCases();

        /** Import speed: cases queued per second over the backlog's span, at least. */
        @io.smallrye.config.WithDefault("50")
        double deferRate();
    }

    /**
     * When a fold writes the cells anew instead of applying its deltas to them: when its batch holds at least
     * {@code minCases} cases and at least {@code share} times the cases counted so far (an import's backlog). Its
     * cost is that of every cell, old and new, written once and indexed by a sort; the other way costs an index
     * probe and up to three B-tree insertions per changed cell, so it wins when the batch is large beside what is
     * stored (README, Benchmarks, issue 12).
     */
    record BulkFold(long minCases, double share, long deferCases, double deferRate) {
        boolean applies(long cases, long counted) {
            return cases >= minCases && cases >= share * counted;
        }

        /**
         * Whether the worker leaves a backlog alone this round: one of at least {@code deferCases} queue entries
         * still growing at {@code deferRate} cases a second or more ({@link org.kaers.common.GrowingBacklog}, the rule
         * screening shares): clinicians' submissions come at a few a minute; an import, or a burst of submissions,
         * at hundreds to a thousand a second. Folded while it grows, a burst's backlog is folded in many small
         * batches (dearer per case) on the cores the writes need (the worker's statements took 13 s of the 40 s of
         * FDA's file, README, Benchmarks, stop 31; about half of PostgreSQL's time per report at the load harness's
         * maximum rate, issue 16); left until it settles, it is one fold, bulk when it is large ({@link #applies}).
         */
        boolean defers(Status status, Instant now) {
            return new org.kaers.common.GrowingBacklog(
                            status.pendingCases(), status.oldestPending(), status.newestPending())
                    .defers(deferCases, deferRate, now);
        }
    }

    /**
     * The worker's decision for its next batch, from one read of the queue: 0 to leave the queue alone this round (it
     * is empty, or an import is still writing its backlog, {@link BulkFold#defers}), else the queue entries to take:
     * {@link #BULK_BATCH} when they make a bulk fold, {@link #CATCH_UP_BATCH} for a backlog of other batches
     * ({@code backlog}: the previous batch was full), otherwise {@link #BATCH}. The fold itself decides bulk or not
     * from what it took.
     */
    @Transactional
    public int nextBatch(boolean backlog) {
        Status status = status();
        if (status.pendingCases() == 0 || bulkFold.defers(status, Instant.now())) {
            return 0;
        }
        if (status.pendingCases() < bulkFold.minCases()) {
            return backlog ? CATCH_UP_BATCH : BATCH;
        }
        return backlogBatch();
    }

    /** How far the aggregates are behind the raw rows. */
    public record Status(
            long pendingCases,
            Instant oldestPending,
            Instant newestPending,
            Instant appliedThrough,
            Instant appliedAt,
            Instant rebuiltAt,
            long dataVersion) {

        /** How long the oldest pending change has waited, in whole seconds: how far the aggregates are behind. */
        public long lagSeconds() {
            return oldestPending == null
                    ? 0
                    : Math.max(
                            0,
                            java.time.Duration.between(oldestPending, Instant.now())
                                    .toSeconds());
        }
    }

    /**
     * The SQL giving the facts of the counted cases matching {@code cases} (a condition on the scope row
     * {@code s0}): (cid, period yyyymm of receipt, sorted distinct 'dimension=key' values). Set-based: one
     * grouped pass over each level's rows (products, reactions, criteria) of all those cases at once, joined to
     * the cases; a dimension without a value is 'dimension=' (the missing cell), built from {@link Dimension}
     * alone, so that a new dimension is one enum constant.
     */
    public static String factSql(String cases) {
        List<String> caseValues = new ArrayList<>();
        caseValues.add("'" + ALL + "'");
        StringBuilder joins = new StringBuilder();
        StringBuilder levels = new StringBuilder();
        int n = 0;
        for (Dimension d : Dimension.values()) {
            if (d.level() == Dimension.Level.CASE) {
                caseValues.add("'" + d.code() + "=' || coalesce(" + d.key() + ", '')");
            }
        }
        for (Dimension.Level level : Dimension.Level.values()) {
            if (level == Dimension.Level.CASE) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            List<String> empty = new ArrayList<>();
            for (Dimension d : Dimension.values()) {
                if (d.level() == level) {
                    parts.add("coalesce(array_agg('" + d.code() + "=' || " + d.key() + ") filter (where " + d.key()
                            + " is not null), array['" + d.code() + "='])");
                    empty.add("'" + d.code() + "='");
                }
            }
            for (Dimension x : Dimension.values()) {
                for (Dimension y : Dimension.values()) {
                    if (x.level() == level && y.level() == level && x != y && sameRow(x, y)[0] == x) {
                        String combo = "'" + sameRowPrefix(x, y) + "' || " + x.key() + " || chr(31) || " + y.key();
                        parts.add("coalesce(array_agg(" + combo + ") filter (where " + x.key() + " is not null and "
                                + y.key() + " is not null), '{}')");
                    }
                }
            }
            if (level == Dimension.Level.REACTION) {
                String onset = "'" + ONSET + "=' || coalesce(to_char(min(r.onset_date), 'YYYY-MM'), '')";
                parts.add("array[" + onset + "]");
                empty.add("'" + ONSET + "='");
            }
            String alias = "l" + n++;
            joins.append(" left join (select ")
                    .append(level.version())
                    .append(" as vid, ")
                    .append(String.join(" || ", parts))
                    .append(" as vals from ")
                    .append(level.tables())
                    .append(" where ")
                    .append(level.version())
                    .append(" in (select vid from s) group by 1) ")
                    .append(alias)
                    .append(" on ")
                    .append(alias)
                    .append(".vid = s.vid");
            levels.append(" || coalesce(")
                    .append(alias)
                    .append(".vals, array[")
                    .append(String.join(", ", empty))
                    .append("])");
        }
        return "with s as materialized (select * from (" + CountingRule.SCOPE + ") s0 where " + cases + ")"
                + " select s.cid, (extract(year from s.received_at at time zone 'UTC') * 100"
                + " + extract(month from s.received_at at time zone 'UTC'))::int as period,"
                + " array(select x from unnest(array[" + String.join(", ", caseValues) + "]" + levels
                + ") x group by x order by x collate \"C\") as vals from s" + joins;
    }

    /**
     * Two dimensions of the same product or reaction row, in the order their combined value is stored: the
     * free-text one (reported name, verbatim) last, so that the key splits at the first separator.
     */
    public static Dimension[] sameRow(Dimension x, Dimension y) {
        boolean swap = freeText(x) != freeText(y) ? freeText(x) : x.ordinal() > y.ordinal();
        return swap ? new Dimension[] {y, x} : new Dimension[] {x, y};
    }

    /**
     * The prefix of the combined values of two dimensions of the same row ('~' sorts after every dimension
     * name; such values are counted alone, never paired): {@code ~x,y=} then key x, chr(31), key y.
     */
    public static String sameRowPrefix(Dimension x, Dimension y) {
        Dimension[] order = sameRow(x, y);
        return ROW + order[0].code() + "," + order[1].code() + "=";
    }

    public static final String ROW = "~";

    /** A cell value's dimension as PostgreSQL's {@code split_part(v, '=', 1)} reads it: the text before the first '='. */
    public static String dimensionOf(String value) {
        int eq = value.indexOf('=');
        return eq < 0 ? value : value.substring(0, eq);
    }

    private static boolean freeText(Dimension d) {
        return d == Dimension.PRODUCT_NAME || d == Dimension.VERBATIM;
    }

    /**
     * The missing values of the case-level dimensions ('sex=', ...). They are never paired: a case has exactly one
     * value of such a dimension, so the cases with an anchor value and none of dimension d are the anchor's cases
     * minus those with one (read so by {@link AggregateCounts}). Most cases lack the poison-centre fields and a
     * causality assessment: 12 % fewer cells at real cardinality (README, Benchmarks).
     */
    public static java.util.Set<String> caseLevelEmpty() {
        java.util.Set<String> empty = new java.util.HashSet<>();
        for (Dimension d : Dimension.values()) {
            if (d.level() == Dimension.Level.CASE) {
                empty.add(d.code() + "=");
            }
        }
        return java.util.Set.copyOf(empty);
    }

    /**
     * The cells after adding the deltas in {@code stats_delta} ({@link CellDeltas}) to the stored ones, without the
     * cells that fall to 0: what a bulk fold onto stored cells writes into a new table. A full join, not a grouping of
     * both (sums of bigint would be numeric).
     */
    static final String MERGED_CELLS = """
            select coalesce(o.a, d.a), coalesce(o.b, d.b), coalesce(o.period, d.period),
                   coalesce(o.n, 0) + coalesce(d.n, 0), coalesce(o.k, 0) + coalesce(d.k, 0)
            from stats_cell o full join stats_delta d on d.a = o.a and d.b = o.b and d.period = o.period
            where coalesce(o.n, 0) + coalesce(d.n, 0) <> 0 or coalesce(o.k, 0) + coalesce(d.k, 0) <> 0""";

    /**
     * The cells the last fold in this transaction changed, with their deltas, when it folded onto stored cells (a bulk
     * fold onto none writes the cells straight into their new table and leaves none here).
     */
    public static final String FOLDED_CELLS = "stats_delta";

    /** Copies the cell deltas of the facts in {@code source} into {@code target} ({@link CellDeltas#write}). */
    private long cellDeltas(String source, String target) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> CellDeltas.write(c, source, target));
    }

    /** The cell deltas of the facts in {@code source}, in this transaction's {@code stats_delta}. */
    private void deltas(String source) {
        em.createNativeQuery("""
                create temp table if not exists stats_delta (a text collate "C" not null, b text collate "C" not null,
                    period integer not null, n bigint not null, k bigint not null) on commit delete rows""").executeUpdate();
        cellDeltas(source, "stats_delta");
        em.createNativeQuery("analyze stats_delta").executeUpdate();
    }

    /**
     * Folds up to {@code batch} queued cases into the aggregates, unless another worker holds the lock, in one
     * transaction with the removal of their queue entries (a crash loses nothing and applies nothing twice):
     * the batch's new facts are derived in one statement, compared with their stored facts (an unchanged case
     * cancels out), the cell deltas of what changed are grouped ({@link CellDeltas}) and applied with one INSERT ... ON
     * CONFLICT, and the facts are replaced.
     *
     * @param wait whether to wait for another worker rather than give up
     * @return the queue entries consumed (0 when there were none or another worker was busy)
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public int processBatch(int batch, boolean wait) {
        return fold(batch, wait);
    }

    /** Holds the worker lock until the caller's transaction ends: no fold changes the cells meanwhile. */
    public void lockWorker() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text")
                .setParameter(1, WORKER_LOCK)
                .getSingleResult();
    }

    /** {@link #processBatch} in the caller's transaction (a release cut folds what is left while it holds changes off). */
    public int fold(int batch, boolean wait) {
        if (wait) {
            em.createNativeQuery("select pg_advisory_xact_lock(?1)::text")
                    .setParameter(1, WORKER_LOCK)
                    .getSingleResult();
        } else if (!(Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, WORKER_LOCK)
                .getSingleResult()) {
            return 0;
        }
        tuneSession(batch > BATCH ? "256MB" : "128MB");
        em.createNativeQuery("""
                create temp table if not exists stats_batch_ids (cid bigint primary key) on commit delete rows""").executeUpdate();
        em.createNativeQuery("""
                create temp table if not exists stats_batch (cid bigint, period integer, vals text[] collate "C", sgn integer)
                on commit delete rows""").executeUpdate();
        Object[] taken =
                (Object[]) em.createNativeQuery("""
                with q as (delete from stats_queue where id in (select id from stats_queue order by id limit ?1)
                           returning case_id, queued_at),
                     ids as (insert into stats_batch_ids (cid) select distinct case_id from q returning cid)
                select count(*), max(queued_at), (select count(*) from ids),
                       (select greatest(reltuples, 0)::bigint from pg_class where oid = 'stats_fact'::regclass)
                from q""").setParameter(1, batch).getSingleResult();
        int consumed = ((Number) taken[0]).intValue();
        if (consumed == 0) {
            return 0;
        }
        boolean bulk = bulkFold.applies(((Number) taken[2]).longValue(), ((Number) taken[3]).longValue());
        em.createNativeQuery("analyze stats_batch_ids").executeUpdate();
        // New facts (+1) and stored ones (-1), except where they are equal: that case's cells do not change. Three
        // statements, not one: the planner's estimate of the facts' statement is millions of times its rows (each
        // level's grouped rows joined on an estimate of 200 distinct versions), and an anti-join of the facts against
        // the stored ones in the same statement then hashed a batch of 8,000 into 2,048 batches on disk (61 s instead
        // of 0.4 s; 20,000 unchanged cases took minutes, issue 16). Compared in the written table, whose size the
        // planner reads from its pages, the same work is a hash join in memory.
        em.createNativeQuery("insert into stats_batch (cid, period, vals, sgn) select cid, period, vals, 1 from ("
                        + factSql("s0.cid in (select cid from stats_batch_ids)") + ") n")
                .executeUpdate();
        em.createNativeQuery("insert into stats_batch (cid, period, vals, sgn) select case_id, period, vals, -1"
                        + " from stats_fact where case_id in (select cid from stats_batch_ids)")
                .executeUpdate();
        em.createNativeQuery("delete from stats_batch b where exists (select 1 from stats_batch o where o.cid = b.cid"
                        + " and o.sgn = -b.sgn and o.period = b.period and o.vals = b.vals)")
                .executeUpdate();
        em.createNativeQuery("analyze stats_batch").executeUpdate();
        if (bulk) {
            tuneSession("1GB");
        }
        boolean onto = !bulk
                || (Boolean) em.createNativeQuery("select exists (select 1 from stats_cell)")
                        .getSingleResult();
        if (onto) {
            deltas("stats_batch");
        }
        boolean swapped = false;
        if (bulk) {
            Map<String, List<Object[]>> built = new java.util.LinkedHashMap<>();
            built.put("stats_cell", build("stats_cell", next -> {
                if (onto) {
                    em.createNativeQuery("insert into " + next + " (a, b, period, n, k) " + MERGED_CELLS)
                            .executeUpdate();
                } else {
                    cellDeltas("stats_batch", next);
                }
            }));
            built.put(
                    "stats_fact",
                    build(
                            "stats_fact",
                            next -> em.createNativeQuery("insert into " + next + """
                     (case_id, period, vals) select case_id, period, vals from stats_fact
                    where case_id not in (select cid from stats_batch where sgn = -1)
                    union all select cid, period, vals from stats_batch where sgn = 1 order by 1""")
                                    .executeUpdate()));
            swapped = swap(built, true);
        }
        countOnCommit(swapped ? "bulk" : "incremental");
        if (!swapped) {
            em.createNativeQuery("insert into stats_cell (a, b, period, n, k) select a, b, period, n, k"
                            + " from stats_delta order by 1, 2, 3"
                            + " on conflict (a, b, period) do update set n = stats_cell.n + excluded.n,"
                            + " k = stats_cell.k + excluded.k")
                    .executeUpdate();
            em.createNativeQuery("delete from stats_fact where case_id in (select cid from stats_batch where sgn = -1)")
                    .executeUpdate();
            em.createNativeQuery("insert into stats_fact (case_id, period, vals) select cid, period, vals"
                            + " from stats_batch where sgn = 1")
                    .executeUpdate();
        }
        em.createNativeQuery("""
                update stats_state set applied_through = greatest(applied_through, ?1), applied_at = now(),
                       data_version = data_version + 1 where id = 1""")
                .setParameter(1, org.kaers.common.SqlValues.instant(taken[1]))
                .executeUpdate();
        return consumed;
    }

    /** Counts a fold in {@code kaers.stats.folds{mode}} once its transaction has committed (a rolled-back one is not). */
    private void countOnCommit(String mode) {
        org.kaers.common.OnCommit.run(
                transaction,
                () -> metrics.counter("kaers.stats.folds", "mode", mode).increment());
    }

    /**
     * Writes the rows {@code rows} selects into a new table and puts it in the place of {@code table}
     * ({@code stats_cell} or {@code stats_fact}), in the caller's transaction: a bulk fold or a rebuild. A table
     * written whole and then indexed (each index built by one sort) costs a fraction of inserting millions of rows
     * one by one into B-trees on text keys or a GIN index (README, Benchmarks, issue 12). The new table copies the
     * old one's columns, defaults, constraints, storage parameters and indexes (read from the catalog, so an index a
     * migration adds is kept). Readers see the old rows until the commit; the swap itself waits only for the
     * statements reading the old table at that moment, and holds new ones back until the commit right after.
     */
    private List<Object[]> build(String table, java.util.function.Consumer<String> fill) {
        em.createNativeQuery("select set_config('maintenance_work_mem', '512MB', true)")
                .getSingleResult();
        String next = table + "_next";
        String options =
                (String) em.createNativeQuery("""
                select coalesce(array_to_string(reloptions, ', '), '') from pg_class where oid = cast(?1 as regclass)""").setParameter(1, table).getSingleResult();
        em.createNativeQuery("drop table if exists " + next).executeUpdate();
        em.createNativeQuery("create table " + next + " (like " + table + " including defaults including constraints"
                        + " including storage including compression)"
                        + (options.isEmpty() ? "" : " with (" + options + ")"))
                .executeUpdate();
        fill.accept(next);
        @SuppressWarnings("unchecked")
        List<Object[]> indexes =
                em.createNativeQuery("""
                select c.relname, pg_get_indexdef(i.indexrelid), con.conname, con.contype::text
                from pg_index i join pg_class c on c.oid = i.indexrelid
                left join pg_constraint con on con.conindid = i.indexrelid and con.conrelid = i.indrelid
                where i.indrelid = cast(?1 as regclass) order by c.relname""").setParameter(1, table).getResultList();
        java.util.regex.Pattern head = java.util.regex.Pattern.compile(
                "^CREATE (UNIQUE )?INDEX (\\S+) ON (\\S+\\.)?" + java.util.regex.Pattern.quote(table) + " ");
        for (Object[] index : indexes) {
            java.util.regex.Matcher m = head.matcher((String) index[1]);
            if (!m.find()) {
                throw new IllegalStateException("unexpected index definition of " + table + ": " + index[1]);
            }
            String unique = m.group(1) == null ? "" : m.group(1);
            em.createNativeQuery(m.replaceFirst("CREATE " + unique + "INDEX " + index[0] + "_next ON " + next + " "))
                    .executeUpdate();
        }
        return indexes;
    }

    /**
     * Puts the tables {@link #build} wrote in the place of the old ones. The old ones are locked first, all at once;
     * with {@code mayGiveUp}, for at most {@link #SWAP_WAIT}: a statement that holds one of them longer (an export
     * streaming the facts, a session left in a transaction) would otherwise hold back every statistics read queued
     * behind the swap's lock. Then the new tables are dropped again and false returned: the caller applies the deltas
     * instead. Plain JDBC with a savepoint, so that the failed lock leaves the transaction usable.
     */
    private boolean swap(Map<String, List<Object[]>> built, boolean mayGiveUp) {
        String tables = String.join(", ", built.keySet());
        boolean locked = em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                if (!mayGiveUp) {
                    st.execute("lock table " + tables + " in access exclusive mode");
                    return true;
                }
                String before;
                try (java.sql.ResultSet r = st.executeQuery("select current_setting('lock_timeout')")) {
                    r.next();
                    before = r.getString(1);
                }
                st.execute("savepoint stats_swap");
                st.execute("set local lock_timeout = '" + SWAP_WAIT.toMillis() + "ms'");
                try {
                    st.execute("lock table " + tables + " in access exclusive mode");
                    st.execute("release savepoint stats_swap");
                    return true;
                } catch (java.sql.SQLException e) {
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    }
                    st.execute("rollback to savepoint stats_swap");
                    return false;
                } finally {
                    try (java.sql.PreparedStatement reset =
                            c.prepareStatement("select set_config('lock_timeout', ?, true)")) {
                        reset.setString(1, before);
                        reset.execute();
                    }
                }
            }
        });
        if (!locked) {
            for (String table : built.keySet()) {
                em.createNativeQuery("drop table " + table + "_next").executeUpdate();
            }
            return false;
        }
        for (Map.Entry<String, List<Object[]>> e : built.entrySet()) {
            rename(e.getKey(), e.getValue());
        }
        return true;
    }

    /** How long a bulk fold waits to lock the tables it replaces before it applies its deltas instead. */
    static final java.time.Duration SWAP_WAIT = java.time.Duration.ofSeconds(10);

    private void rename(String table, List<Object[]> indexes) {
        String next = table + "_next";
        em.createNativeQuery("drop table " + table).executeUpdate();
        em.createNativeQuery("alter table " + next + " rename to " + table).executeUpdate();
        for (Object[] index : indexes) {
            String name = (String) index[0];
            if (index[2] != null && ("p".equals(index[3]) || "u".equals(index[3]))) {
                em.createNativeQuery("alter table " + table + " add constraint " + index[2]
                                + ("p".equals(index[3]) ? " primary key" : " unique") + " using index " + name
                                + "_next")
                        .executeUpdate();
            } else {
                em.createNativeQuery("alter index " + name + "_next rename to " + name)
                        .executeUpdate();
            }
        }
        em.createNativeQuery("analyze " + table).executeUpdate();
    }

    /**
     * Settings for this transaction's statements: memory to group a batch's deltas without spilling to disk,
     * and no JIT compilation (the generated statements are long, and compiling them cost seconds per batch,
     * more than running them).
     */
    private void tuneSession(String workMem) {
        em.createNativeQuery("select set_config('work_mem', ?1, true), set_config('jit', 'off', true)")
                .setParameter(1, workMem)
                .getSingleResult();
    }

    /**
     * Folds every queued case in, waiting for a running worker, in batches of {@link #CATCH_UP_BATCH}; returns the
     * queue entries consumed.
     */
    public long catchUp() {
        long total = 0;
        int n;
        while ((n = processBatch(backlogBatch(), true)) > 0) {
            total += n;
        }
        return total;
    }

    /**
     * The queue entries of the next batch of a backlog: {@link #BULK_BATCH} when the cases queued make a bulk fold
     * ({@link BulkFold}), otherwise {@link #CATCH_UP_BATCH}.
     */
    @Transactional
    public int backlogBatch() {
        Object[] q =
                (Object[]) em.createNativeQuery("""
                select (select count(distinct case_id) from (select case_id from stats_queue order by id limit ?1) q),
                       (select greatest(reltuples, 0)::bigint from pg_class where oid = 'stats_fact'::regclass)""").setParameter(1, BULK_BATCH).getSingleResult();
        return bulkFold.applies(((Number) q[0]).longValue(), ((Number) q[1]).longValue()) ? BULK_BATCH : CATCH_UP_BATCH;
    }

    /**
     * The queue entries of one bulk fold: FDA's 2004-2017 file is 127,286 (two per case), folded in one; bounded so
     * that one batch's deltas stay within what a transaction can sort in minutes.
     */
    public static final int BULK_BATCH = 200_000;

    /** The queue entries of one batch of the steady worker (a second's submissions fit many times over). */
    public static final int BATCH = 5000;

    /**
     * The queue entries of one batch of a catch-up (an import's backlog): the cells most cases share (the
     * common values and their pairs) are updated once per batch and each batch has a fixed cost, so larger
     * batches fold more cases per second (README, Benchmarks, issue 12); bounded so that a batch stays well
     * within the transaction timeout and its deltas within the work memory.
     */
    public static final int CATCH_UP_BATCH = 25_000;

    /**
     * Recomputes every fact and cell from the raw rows, in one transaction: readers see the old aggregates
     * until it commits. Changes committed meanwhile stay queued and are folded in afterwards.
     */
    @Transactional
    @TransactionConfiguration(timeout = 7200)
    public Status rebuild() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text")
                .setParameter(1, WORKER_LOCK)
                .getSingleResult();
        tuneSession("256MB");
        Instant through =
                (Instant) em.createNativeQuery("select now()", Instant.class).getSingleResult();
        em.createNativeQuery("delete from stats_queue where queued_at <= ?1")
                .setParameter(1, through)
                .executeUpdate();
        tuneSession("1GB");
        Map<String, List<Object[]>> built = new java.util.LinkedHashMap<>();
        built.put(
                "stats_fact",
                build(
                        "stats_fact",
                        next -> em.createNativeQuery("insert into " + next + " (case_id, period, vals)"
                                        + " select cid, period, vals from (" + factSql("true") + ") f order by cid")
                                .executeUpdate()));
        built.put(
                "stats_cell",
                build(
                        "stats_cell",
                        next -> cellDeltas(
                                "(select case_id as cid, period, vals, 1 as sgn from stats_fact_next)", next)));
        swap(built, false);
        em.createNativeQuery("update stats_state set applied_through = ?1, applied_at = now(), rebuilt_at = now(),"
                        + " data_version = data_version + 1 where id = 1")
                .setParameter(1, through)
                .executeUpdate();
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
        return new Status(
                ((Number) q[0]).longValue(),
                org.kaers.common.SqlValues.instant(q[1]),
                org.kaers.common.SqlValues.instant(q[2]),
                org.kaers.common.SqlValues.instant(q[3]),
                org.kaers.common.SqlValues.instant(q[4]),
                org.kaers.common.SqlValues.instant(q[5]),
                ((Number) q[6]).longValue());
    }
}
