package org.kaers.report;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class CaseReportRepository implements PanacheRepository<CaseReport> {

    Optional<CaseReport> findByCaseNumber(String caseNumber) {
        return find("caseNumber", caseNumber).firstResultOptional();
    }

    /** The case, locked for update until the transaction ends: serialises follow-ups and nullification. */
    Optional<CaseReport> lockByCaseNumber(String caseNumber) {
        return find("caseNumber", caseNumber).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The external ids among {@code ids} already stored for the source. */
    /** The cases of a source with these external ids, locked for update (a changed report adds a version). */
    java.util.List<CaseReport> lockByExternalIds(CaseSource source, java.util.List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return getEntityManager().createQuery(
                "select c from CaseReport c where c.source = :source and c.externalId in :ids order by c.id",
                CaseReport.class).setParameter("source", source).setParameter("ids", ids)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    java.util.Set<String> existingExternalIds(CaseSource source, java.util.List<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(getEntityManager().createQuery(
                "select c.externalId from CaseReport c where c.source = :source and c.externalId in :ids", String.class)
                .setParameter("source", source).setParameter("ids", ids).getResultList());
    }

    /** {@code n} case sequence numbers in one round trip. */
    java.util.List<String> nextCaseSequences(int n) {
        if (n == 0) {
            return java.util.List.of();
        }
        @SuppressWarnings("unchecked")
        java.util.List<Number> values = getEntityManager()
                .createNativeQuery("select nextval('case_number_seq') from generate_series(1, ?1)")
                .setParameter(1, n).getResultList();
        return values.stream().map(v -> String.valueOf(v.longValue())).toList();
    }

    String nextCaseSequence() {
        Object value = getEntityManager().createNativeQuery("select nextval('case_number_seq')").getSingleResult();
        return String.valueOf(((Number) value).longValue());
    }
}
