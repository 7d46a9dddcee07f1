package org.kaers.duplicates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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
     * Whether the background worker screens imported CAERS reports too. Off by default: screening compares a case
     * with every active case, about 2 s a case at 35,000 cases, so FDA's 64,000-report file would keep PostgreSQL
     * busy for days; imported cases stay queued (nothing is lost) until set-based screening lands or an operator
     * turns this on. Submissions, follow-ups and amendments are always screened.
     */
    private final boolean screenImports;
    private final EntityManager em;

    ScreeningQueue(EntityManager em,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "kaers.duplicates.screen-imports",
                    defaultValue = "false") boolean screenImports) {
        this.em = em;
        this.screenImports = screenImports;
    }

    /** The condition on a queue entry {@code q} that the worker may screen it now. */
    private String screenable() {
        return screenImports ? "true"
                : "not exists (select 1 from case_report c where c.id = q.case_id and c.source = 'CAERS')";
    }

    /**
     * Locks the case's entry, waiting for a worker that is screening it (then the entry is gone); false when the
     * case is not queued.
     */
    boolean claim(long caseId) {
        return !em.createNativeQuery("select case_id from duplicate_screening where case_id = ?1 for update")
                .setParameter(1, caseId).getResultList().isEmpty();
    }

    /** Locks the oldest entry still to be tried; {@code wait}: wait for a locked one instead of skipping it. */
    Optional<Long> claimOldest(boolean wait) {
        List<?> ids = em.createNativeQuery("select q.case_id from duplicate_screening q where q.attempts < ?1 and "
                + screenable() + " order by q.queued_at, q.case_id limit 1 for update" + (wait ? "" : " skip locked"))
                .setParameter(1, MAX_ATTEMPTS).getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    void remove(long caseId) {
        em.createNativeQuery("delete from duplicate_screening where case_id = ?1").setParameter(1, caseId).executeUpdate();
    }

    void failed(long caseId) {
        em.createNativeQuery("update duplicate_screening set attempts = attempts + 1 where case_id = ?1")
                .setParameter(1, caseId).executeUpdate();
    }

    /**
     * Entries to screen, entries that failed {@link #MAX_ATTEMPTS} times, and when the oldest was queued (imported
     * cases left for later, see {@link #screenImports}, are not counted).
     */
    DuplicateViews.Screening state() {
        Object[] r = (Object[]) em.createNativeQuery("select count(*) filter (where attempts < ?1),"
                + " count(*) filter (where attempts >= ?1), min(queued_at) from duplicate_screening q where "
                + screenable())
                .setParameter(1, MAX_ATTEMPTS).getSingleResult();
        return new DuplicateViews.Screening(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), instant(r[2]), null);
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
