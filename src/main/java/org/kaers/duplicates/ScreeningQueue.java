package org.kaers.duplicates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The cases waiting for duplicate screening ({@code duplicate_screening}, V71): a trigger on case_report queues a
 * case in the transaction that stores a version of it, whatever the path (submission, follow-up, import).
 * Called inside the service's transactions.
 */
@ApplicationScoped
class ScreeningQueue {

    /** A case that failed this many times is left queued for an operator and no longer retried. */
    static final int MAX_ATTEMPTS = 5;

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
     * waiting for a worker that is screening it (then the entry is gone); false when the case is not queued. One
     * statement where a lock and a later delete were two.
     */
    boolean take(long caseId) {
        return em.createNativeQuery("delete from duplicate_screening where case_id = ?1")
                        .setParameter(1, caseId)
                        .executeUpdate()
                > 0;
    }

    /**
     * Locks the oldest entries still to be tried, at most {@code max}; {@code wait}: wait for locked ones instead of
     * skipping them.
     */
    List<Long> claimOldest(boolean wait, int max) {
        List<?> ids = em.createNativeQuery(
                        "select q.case_id from duplicate_screening q where q.attempts < ?1 and " + screenable()
                                + " order by q.queued_at, q.case_id limit ?2 for update" + (wait ? "" : " skip locked"))
                .setParameter(1, MAX_ATTEMPTS)
                .setParameter(2, max)
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    void remove(List<Long> caseIds) {
        em.createNativeQuery(
                        "delete from duplicate_screening where case_id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(
                        1,
                        String.join(",", caseIds.stream().map(String::valueOf).toList()))
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
        Object[] r = (Object[]) em.createNativeQuery("select count(*) filter (where attempts < ?1),"
                        + " count(*) filter (where attempts >= ?1), min(queued_at) from duplicate_screening q where "
                        + screenable())
                .setParameter(1, MAX_ATTEMPTS)
                .getSingleResult();
        return new DuplicateViews.Screening(
                ((Number) r[0]).longValue(), ((Number) r[1]).longValue(), instant(r[2]), null);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
