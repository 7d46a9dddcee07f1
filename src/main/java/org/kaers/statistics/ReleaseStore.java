package org.kaers.statistics;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.statistics.disclosure.Disclosure;
import org.kaers.statistics.disclosure.PerturbationTable;
import org.kaers.statistics.model.ReadSide;

/**
 * Frozen releases of the statistics aggregates, what researchers read (see {@link Disclosure#frozen()}): the
 * latest release is a copy of every cell (its count, its key sum and its published value) and of the counted case
 * versions, cut at one instant. Live answers would change within a second of a case's arrival, in exactly the
 * cells it entered; a release changes only when the next one is cut, together with everything that arrived since.
 */
@ApplicationScoped
class ReleaseStore {

    /** The lock every case change takes shared and every coding change exclusive (migration V3). */
    private static final long CASE_LOCK = 4_242_001L;

    private final EntityManager em;
    private final AggregateStore store;
    private final Disclosure disclosure;

    ReleaseStore(@ReadSide EntityManager em, AggregateStore store, Disclosure disclosure) {
        this.em = em;
        this.store = store;
        this.disclosure = disclosure;
    }

    /** One release: when it was cut, from which version of the aggregates, how many cells and counted cases. */
    record Info(long id, Instant cutAt, long dataVersion, long cells, long cases) {}

    /**
     * Cuts a release, in one transaction (readers keep the previous release until it commits): holds the worker off
     * and copies every cell while cases keep arriving (they only queue); then waits until no case or coding change
     * is under way and holds them off (they wait, nothing fails) only while it folds in what queued meanwhile,
     * re-copies the cells that changed and copies the counted case versions, so that cells and case versions are
     * one instant's. Call after {@link AggregateStore#catchUp()} so that little is left to fold.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    Info cut() {
        store.lockWorker();
        em.createNativeQuery("select set_config('work_mem', '256MB', true), set_config('jit', 'off', true)")
                .getSingleResult();
        em.createNativeQuery("delete from stats_release_cell").executeUpdate();
        publish("");
        em.createNativeQuery("select pg_advisory_xact_lock(?1)::text")
                .setParameter(1, CASE_LOCK)
                .getSingleResult();
        boolean published = (Boolean) em.createNativeQuery("select exists (select 1 from stats_release_cell)")
                .getSingleResult();
        boolean folded = store.fold(Integer.MAX_VALUE, true) > 0;
        if (folded && !published) {
            // Nothing was counted before the fold (a fold onto no cells leaves no deltas behind): all of it.
            publish("");
        } else if (folded) {
            // The cells the fold changed (its batch's deltas, still in this transaction's temp table), copied again.
            em.createNativeQuery("create temp table release_touched on commit drop as select a, b, period from "
                            + AggregateStore.FOLDED_CELLS)
                    .executeUpdate();
            em.createNativeQuery(
                            "delete from stats_release_cell r using release_touched t where r.a = t.a and r.b = t.b"
                                    + " and r.period = t.period")
                    .executeUpdate();
            publish(
                    " and exists (select 1 from release_touched t where t.a = c.a and t.b = c.b and t.period = c.period)");
        }
        long cells = ((Number) em.createNativeQuery("select count(*) from stats_release_cell")
                        .getSingleResult())
                .longValue();
        em.createNativeQuery("delete from stats_release_case").executeUpdate();
        long cases = em.createNativeQuery("insert into stats_release_case (case_id, version_id)"
                        + " select v.case_id, v.id from case_version v"
                        + org.kaers.report.model.CaseScope.LATEST_ACTIVE)
                .executeUpdate();
        copyVocabulary();
        em.createNativeQuery("delete from stats_release_dims").executeUpdate();
        em.createNativeQuery("""
                insert into stats_release_dims (x, y, groups)
                select split_part(a, '=', 1), split_part(b, '=', 1), count(*) from stats_release_cell
                where period = 0 and a <> '*' and p > 0 and a <> split_part(a, '=', 1) || '='
                and b <> split_part(b, '=', 1) || '=' group by 1, 2""").executeUpdate();
        Object[] r = (Object[]) em.createNativeQuery("""
                insert into stats_release (data_version, cells, cases)
                select data_version, ?1, ?2 from stats_state where id = 1 returning id, cut_at, data_version""")
                .setParameter(1, cells)
                .setParameter(2, cases)
                .getSingleResult();
        em.createNativeQuery("analyze stats_release_cell").executeUpdate();
        return new Info(
                ((Number) r[0]).longValue(),
                org.kaers.common.SqlValues.instant(r[1]),
                ((Number) r[2]).longValue(),
                cells,
                cases);
    }

    /**
     * The vocabulary and the codings of this instant, what frozen callers' labels, listings, previews and recounts
     * read ({@link FrozenVocabulary}): schema {@value FrozenVocabulary#SCHEMA} is rebuilt from the live tables (same
     * names, columns and indexes, whatever migrations added since) and openFDA's record view (V80) over them, built
     * aside and swapped in by renaming, in this transaction (readers wait for the swap, they never see half).
     */
    private void copyVocabulary() {
        String next = FrozenVocabulary.SCHEMA + "_next";
        // Plain JDBC: the view's text is SQL with casts (::) that a native query would read as parameters.
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + next + " cascade");
                s.execute("create schema " + next);
                for (String table : FrozenVocabulary.TABLES) {
                    s.execute("create table " + next + "." + table + " (like public." + table + " including indexes)");
                    s.execute("insert into " + next + "." + table + " select * from public." + table);
                }
                // openFDA's records (V82: one row per case version, kept current by triggers on the live codings) of
                // the release's versions, as coded at the cut: the record view below reads this copy, so that a
                // recoding after the cut reaches no researcher's openFDA count before the next cut.
                s.execute("create table " + next + ".openfda_record (like public.openfda_record including indexes)");
                s.execute("insert into " + next + ".openfda_record select r.* from public.openfda_record r"
                        + " join public.stats_release_case rc on rc.version_id = r.version_id");
                // The record view's text with unqualified names, re-read with the copies first on the path.
                s.execute("select set_config('search_path', 'public', true)");
                String record;
                try (java.sql.ResultSet r = s.executeQuery(
                        "select pg_get_viewdef('public." + FrozenVocabulary.RECORD_VIEW + "'::regclass)")) {
                    r.next();
                    record = r.getString(1).strip().replaceAll(";$", "");
                }
                s.execute("select set_config('search_path', '" + next + ", public', true)");
                s.execute("create view " + next + "." + FrozenVocabulary.RECORD_VIEW + " as " + record);
                s.execute("select set_config('search_path', 'public', true)");
                s.execute("create view " + next + ".openfda_food_event_released as select e.* from " + next + "."
                        + FrozenVocabulary.RECORD_VIEW
                        + " e join public.stats_release_case rc on rc.version_id = e.version_id");
                s.execute("drop schema if exists " + FrozenVocabulary.SCHEMA + " cascade");
                s.execute("alter schema " + next + " rename to " + FrozenVocabulary.SCHEMA);
                s.execute("analyze "
                        + java.util.stream.Stream.concat(
                                        FrozenVocabulary.TABLES.stream(), java.util.stream.Stream.of("openfda_record"))
                                .map(t -> FrozenVocabulary.SCHEMA + "." + t)
                                .collect(Collectors.joining(", ")));
            }
        });
    }

    /**
     * Copies the live cells (those matching {@code and ...}, on {@code stats_cell c}) with their published value,
     * looked up in the perturbation table's lines (the key ranges of each released value) exactly as
     * PerturbationTable.release does: the row of min(n, cap), shifted by n - cap.
     */
    private void publish(String only) {
        List<PerturbationTable.Line> lines = disclosure.table().lines();
        em.createNativeQuery("""
                insert into stats_release_cell (a, b, period, n, k, p)
                select c.a, c.b, c.period, c.n, c.k, t.r + (c.n - t.v)
                from stats_cell c
                join unnest(cast(string_to_array(:v, ',') as bigint[]), cast(string_to_array(:r, ',') as bigint[]),
                            cast(string_to_array(:lo, ',') as bigint[]), cast(string_to_array(:hi, ',') as bigint[]))
                     as t(v, r, lo, hi)
                  on t.v = least(c.n, :cap) and ((c.k % 4294967296) + 4294967296) % 4294967296 between t.lo and t.hi
                where c.n > 0""" + only)
                .setParameter("v", join(lines, PerturbationTable.Line::value))
                .setParameter("r", join(lines, PerturbationTable.Line::released))
                .setParameter("lo", join(lines, PerturbationTable.Line::keyFrom))
                .setParameter("hi", join(lines, PerturbationTable.Line::keyTo))
                .setParameter("cap", (long) disclosure.table().cap())
                .executeUpdate();
    }

    private static String join(
            List<PerturbationTable.Line> lines, java.util.function.ToLongFunction<PerturbationTable.Line> f) {
        return lines.stream().map(l -> String.valueOf(f.applyAsLong(l))).collect(Collectors.joining(","));
    }

    /** The latest release, or the one with this id (null: the latest). */
    @Transactional
    Optional<Info> find(Long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select id, cut_at, data_version, cells, cases from stats_release"
                        + " where (?1 = 0 or id = ?1) order by id desc limit 1")
                .setParameter(1, id == null ? 0L : id)
                .getResultList();
        return found.stream()
                .findFirst()
                .map(r -> new Info(
                        ((Number) r[0]).longValue(),
                        org.kaers.common.SqlValues.instant(r[1]),
                        ((Number) r[2]).longValue(),
                        ((Number) r[3]).longValue(),
                        ((Number) r[4]).longValue()));
    }

    /** The release the caller's numbers come from: the latest, for callers reading frozen data; empty otherwise. */
    Optional<Info> current() {
        return disclosure.frozen() ? find(null) : Optional.empty();
    }

    /** The released count of all cases of the latest release (the all-cases cell, as every total is released). */
    @Transactional
    long releasedCases() {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(
                        "select n, k from stats_release_cell where a = '*' and b = '*'" + " and period = 0")
                .getResultList();
        return found.isEmpty()
                ? 0
                : disclosure.release(((Number) found.get(0)[0]).longValue(), ((Number) found.get(0)[1]).longValue());
    }
}
