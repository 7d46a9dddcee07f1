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

    String nextCaseSequence() {
        Object value = getEntityManager().createNativeQuery("select nextval('case_number_seq')").getSingleResult();
        return String.valueOf(((Number) value).longValue());
    }
}
