package org.kaers.causality;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
class CausalityRepository implements PanacheRepository<CausalityAssessment> {

    /** A case's id, status and latest version. */
    record CaseRow(long id, String status, int currentVersion) {}

    /** The case row, locked until the transaction ends when {@code lock}: serialises assessment versions. */
    Optional<CaseRow> caseRow(String caseNumber, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("select id, status, current_version from case_report where case_number = ?1"
                        + (lock ? " for update" : ""))
                .setParameter(1, caseNumber)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new CaseRow(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue()));
    }

    int nextVersion(long caseId, int productIndex, int reactionIndex) {
        Object max = getEntityManager()
                .createQuery("select coalesce(max(a.version), 0) from CausalityAssessment a "
                        + "where a.caseId = ?1 and a.productIndex = ?2 and a.reactionIndex = ?3")
                .setParameter(1, caseId)
                .setParameter(2, productIndex)
                .setParameter(3, reactionIndex)
                .getSingleResult();
        return ((Number) max).intValue() + 1;
    }

    List<CausalityAssessment> ofCase(long caseId) {
        return list("caseId = ?1 order by productIndex, reactionIndex, version", caseId);
    }

    Optional<CausalityAssessment> inCase(long caseId, long id) {
        return find("caseId = ?1 and id = ?2", caseId, id).firstResultOptional();
    }
}
