package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The codings of reaction verbatims, by verbatim, and the audit of manual decisions. */
@ApplicationScoped
class VerbatimCodingRepository implements PanacheRepositoryBase<VerbatimCoding, String> {

    /** The verbatims among these that have a coding. */
    List<String> coded(Collection<String> verbatims) {
        return getEntityManager()
                .createQuery("select c.verbatim from VerbatimCoding c where c.verbatim in ?1", String.class)
                .setParameter(1, List.copyOf(verbatims))
                .getResultList();
    }

    /** The terms the verbatims of a normalised form are coded to now. */
    List<Long> termsOf(String normalized) {
        return getEntityManager()
                .createQuery(
                        "select distinct c.termId from VerbatimCoding c where c.normalized = ?1 and c.termId is not null",
                        Long.class)
                .setParameter(1, normalized)
                .getResultList();
    }

    /** Codes every verbatim of a normalised form to a term by hand; returns how many. */
    int codeManually(String normalized, long termId, String codedBy, Instant at) {
        return update(
                "termId = ?1, method = 'MANUAL', score = null, matchedSynonym = null, codedBy = ?2, codedAt = ?3"
                        + " where normalized = ?4",
                termId,
                codedBy,
                at,
                normalized);
    }

    void audit(CodingAudit decision) {
        getEntityManager().persist(decision);
    }
}
