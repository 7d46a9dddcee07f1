package org.kaers.duplicates;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
class DuplicateRepository implements PanacheRepository<DuplicateSuspect> {

    /** Every pair, open or decided, that involves one of the cases. */
    List<DuplicateSuspect> involving(java.util.Collection<Long> caseIds) {
        if (caseIds.size() == 1) {
            // The API's screening of one new case: a query Hibernate translates once (an IN list is translated
            // again for each call, issue 16)
            long id = caseIds.iterator().next();
            return find("caseId = ?1 or candidateId = ?1", id).list();
        }
        return find("caseId in ?1 or candidateId in ?1", caseIds).list();
    }

    /** Suspects with the status, involving the case when {@code caseId} is given, highest score first. */
    List<DuplicateSuspect> page(DuplicateStatus status, Long caseId, int page, int size) {
        return caseId == null
                ? find("status = ?1 order by score desc, id", status)
                        .page(page, size)
                        .list()
                : find("status = ?1 and (caseId = ?2 or candidateId = ?2) order by score desc, id", status, caseId)
                        .page(page, size)
                        .list();
    }

    long countWith(DuplicateStatus status, Long caseId) {
        return caseId == null
                ? count("status", status)
                : count("status = ?1 and (caseId = ?2 or candidateId = ?2)", status, caseId);
    }

    java.util.Optional<Long> caseId(String caseNumber) {
        List<?> ids = getEntityManager()
                .createNativeQuery("select id from case_report where case_number = ?1")
                .setParameter(1, caseNumber)
                .getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** Case numbers by id, for the views. */
    @SuppressWarnings("unchecked")
    java.util.Map<Long, String> caseNumbers(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("select id, case_number from case_report"
                        + " where id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(
                        1, String.join(",", ids.stream().map(String::valueOf).toList()))
                .getResultList();
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), (String) r[1]));
        return out;
    }
}
