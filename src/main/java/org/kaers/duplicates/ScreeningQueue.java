package org.kaers.duplicates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The cases waiting for duplicate screening ({@code duplicate_screening}, V71): a trigger on case_report queues a
 * case in the transaction that stores a version of it, whatever the path (submission, follow-up, import).
 * Called inside the service's transactions.
 *
 * <p>A screening transaction holds its cases by transaction-level advisory locks ({@link #LOCK_CLASS}, the case id),
 * not by row locks on their entries: the trigger's upsert of an entry waits for a row lock, so a follow-up to a case
 * in a worker's batch would wait for the batch's commit (issue 16; the same convoy as the count rows in V85's
 * reasoning). An entry is removed only if it was not queued again meanwhile ({@code queued_at} unchanged): a version
 * stored while its case was being screened is screened again.
 */
@ApplicationScoped
class ScreeningQueue {

    /** A case that failed this many times is left queued for an operator and no longer retried. */
    static final int MAX_ATTEMPTS = 5;

    /** The first key of the advisory locks on queued cases (two-int form; the second is the case id, folded). */
    static final int LOCK_CLASS = 4242200;

    /** The case id as the second key of its advisory lock (ids past 2^31 share locks: a wait, never a wrong result). */
    private static final String LOCK_KEY = "cast(%s %% 2147483647 as integer)";

    /** A queue entry as claimed: its case and when it was queued (microseconds since the epoch). */
    record Entry(long caseId, long queuedMicros) {}

    /**
     * Whether the background worker screens imported CAERS reports too (default true: set-based screening takes
     * minutes for FDA's 64,000-report file; README "Reviewer's workbench"). When false, imported cases stay queued
     * (nothing is lost) until it is turned on. Submissions, follow-ups and amendments are always screened.
     */
    private final boolean screenImports;

    private final EntityManager em;

    ScreeningQueue(
            EntityManager em,
            @org.eclipse.microprofile.config.inject.ConfigProperty(
                            name = "kaers.duplicates.screen-imports",
                            defaultValue = "true")
                    boolean screenImports) {
        this.em = em;
        this.screenImports = screenImports;
    }

    /** The condition on a queue entry {@code q} that the worker may screen it now. */
    private String screenable() {
        return screenImports
                ? "true"
                : "not exists (select 1 from case_report c where c.id = q.case_id and c.source = 'CAERS')";
    }

    /**
     * Takes the case's entry off the queue (deleted in the caller's transaction, so a rollback puts it back),
     * waiting for a worker that is screening it (then the entry is gone); false when the case is not queued.
     */
    boolean take(long caseId) {
        em.createNativeQuery("select cast(pg_advisory_xact_lock(?1, " + LOCK_KEY.formatted("?2") + ") as text)")
                .setParameter(1, LOCK_CLASS)
                .setParameter(2, caseId)
                .getSingleResult();
        return em.createNativeQuery("delete from duplicate_screening where case_id = ?1")
                        .setParameter(1, caseId)
                        .executeUpdate()
                > 0;
    }

    /**
     * Claims the oldest entries still to be tried, at most {@code max}, by their advisory locks, and reads them again
     * (an entry screened and removed by another transaction just before its lock was taken is gone then).
     * {@code wait}: wait for cases another transaction holds (locked in case-id order, so two waiters never
     * deadlock) instead of skipping them (the locks are tried in queue order on at most twice {@code max} of the
     * oldest entries until {@code max} are held). With nothing queued, one indexed query.
     */
    @SuppressWarnings("unchecked")
    List<Entry> claimOldest(boolean wait, int max) {
        String oldest = "select q.case_id from duplicate_screening q where q.attempts < ?1 and " + screenable()
                + " order by q.queued_at, q.case_id limit ?2";
        while (true) {
            List<?> held;
            if (wait) {
                List<?> ids = em.createNativeQuery(oldest)
                        .setParameter(1, MAX_ATTEMPTS)
                        .setParameter(2, max)
                        .getResultList();
                if (ids.isEmpty()) {
                    return List.of();
                }
                em.createNativeQuery("select cast(count(pg_advisory_xact_lock(?1, " + LOCK_KEY.formatted("id")
                                + ")) as text) from (select unnest(cast(string_to_array(?2, ',') as bigint[])) as id"
                                + " order by 1) x")
                        .setParameter(1, LOCK_CLASS)
                        .setParameter(2, join(longs(ids)))
                        .getSingleResult();
                held = ids;
            } else {
                held = em.createNativeQuery("with c as materialized (" + oldest + ") select case_id from c where"
                                + " pg_try_advisory_xact_lock(?3, " + LOCK_KEY.formatted("case_id") + ") limit ?4")
                        .setParameter(1, MAX_ATTEMPTS)
                        .setParameter(2, 2 * max)
                        .setParameter(3, LOCK_CLASS)
                        .setParameter(4, max)
                        .getResultList();
                if (held.isEmpty()) {
                    return List.of();
                }
            }
            List<Object[]> rows = em.createNativeQuery(
                            "select case_id, cast(extract(epoch from queued_at) * 1000000 as bigint) from"
                                    + " duplicate_screening where case_id = any(cast(string_to_array(?1, ',') as"
                                    + " bigint[])) and attempts < ?2 order by queued_at, case_id")
                    .setParameter(1, join(longs(held)))
                    .setParameter(2, MAX_ATTEMPTS)
                    .getResultList();
            if (!rows.isEmpty() || !wait) {
                return rows.stream()
                        .map(r -> new Entry(((Number) r[0]).longValue(), ((Number) r[1]).longValue()))
                        .toList();
            }
            // waited for cases another transaction screened: the next ones, if any
        }
    }

    private static List<Long> longs(List<?> ids) {
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** Removes the claimed entries that were not queued again since they were claimed ({@code queued_at}). */
    void remove(List<Entry> claimed) {
        em.createNativeQuery("delete from duplicate_screening q using (select unnest(cast(string_to_array(?1, ',') as"
                        + " bigint[])) as case_id, unnest(cast(string_to_array(?2, ',') as bigint[])) as micros) e"
                        + " where q.case_id = e.case_id"
                        + " and cast(extract(epoch from q.queued_at) * 1000000 as bigint) = e.micros")
                .setParameter(1, join(claimed.stream().map(Entry::caseId).toList()))
                .setParameter(2, join(claimed.stream().map(Entry::queuedMicros).toList()))
                .executeUpdate();
    }

    void failed(long caseId) {
        em.createNativeQuery("update duplicate_screening set attempts = attempts + 1 where case_id = ?1")
                .setParameter(1, caseId)
                .executeUpdate();
    }

    /**
     * Entries to screen, entries that failed {@link #MAX_ATTEMPTS} times, and when the oldest was queued (imported
     * cases left for later, see {@link #screenImports}, are not counted).
     */
    DuplicateViews.Screening state() {
        Object[] r = read();
        return new DuplicateViews.Screening(
                ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(),
                org.kaers.common.SqlValues.instant(r[2]),
                null);
    }

    /** One read of the queue for both views of it: to screen, failed, oldest queued, and the oldest and newest to screen. */
    private Object[] read() {
        return (Object[]) em.createNativeQuery("select count(*) filter (where attempts < ?1),"
                        + " count(*) filter (where attempts >= ?1), min(queued_at),"
                        + " min(queued_at) filter (where attempts < ?1), max(queued_at) filter (where attempts < ?1)"
                        + " from duplicate_screening q where " + screenable())
                .setParameter(1, MAX_ATTEMPTS)
                .getSingleResult();
    }

    /**
     * The queue as the worker's round sees it: the entries to screen and when the oldest and the newest were queued
     * (one read; the round leaves a backlog that is still growing fast alone, {@link ScreeningWorker}).
     */
    org.kaers.common.GrowingBacklog backlog() {
        Object[] r = read();
        return new org.kaers.common.GrowingBacklog(
                ((Number) r[0]).longValue(),
                org.kaers.common.SqlValues.instant(r[3]),
                org.kaers.common.SqlValues.instant(r[4]));
    }
}
