package org.kaers.duplicates;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class DuplicateRepository implements PanacheRepository<DuplicateSuspect> {

    boolean pairKnown(long a, long b) {
        return count("(caseId = ?1 and candidateId = ?2) or (caseId = ?2 and candidateId = ?1)", a, b) > 0;
    }

    List<DuplicateSuspect> page(DuplicateStatus status, int page, int size) {
        return find("status = ?1 order by score desc, id", status).page(page, size).list();
    }

    long countWith(DuplicateStatus status) {
        return count("status", status);
    }

    /** Case numbers by id, for the views. */
    @SuppressWarnings("unchecked")
    java.util.Map<Long, String> caseNumbers(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("select id, case_number from case_report"
                + " where id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(1, String.join(",", ids.stream().map(String::valueOf).toList())).getResultList();
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        rows.forEach(r -> out.put(((Number) r[0]).longValue(), (String) r[1]));
        return out;
    }
}
