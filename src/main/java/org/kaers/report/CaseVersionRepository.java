package org.kaers.report;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

@ApplicationScoped
class CaseVersionRepository implements PanacheRepository<CaseVersion> {

    Optional<CaseVersion> findVersion(CaseReport caseReport, int version) {
        return find("caseReport = ?1 and version = ?2", caseReport, version).firstResultOptional();
    }

    List<CaseVersion> history(CaseReport caseReport) {
        return list("caseReport = ?1 order by version", caseReport);
    }
}
