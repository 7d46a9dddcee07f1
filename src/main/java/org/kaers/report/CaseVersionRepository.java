package org.kaers.report;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kaers.report.model.CaseReportView;

@ApplicationScoped
class CaseVersionRepository implements PanacheRepository<CaseVersion> {

    Optional<CaseVersion> findVersion(CaseReport caseReport, int version) {
        return find("caseReport = ?1 and version = ?2", caseReport, version).firstResultOptional();
    }

    List<CaseVersion> history(CaseReport caseReport) {
        return list("caseReport = ?1 order by version", caseReport);
    }

    /** The data-quality problems listed with a version (imported cases only), in order. */
    List<CaseReportView.DataQualityProblem> dataQuality(CaseVersion version) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery(
                        "select field, problem from case_data_quality where case_version_id = ?1 order by seq")
                .setParameter(1, version.id)
                .getResultList();
        return rows.stream()
                .map(r -> new CaseReportView.DataQualityProblem((String) r[0], (String) r[1]))
                .toList();
    }

    /** Lists data-quality problems with stored versions (flushed first, for the foreign key), in one JDBC batch. */
    void addDataQuality(Map<CaseVersion, List<org.kaers.common.Violation>> problems) {
        if (problems.isEmpty()) {
            return;
        }
        getEntityManager().flush();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var insert = c.prepareStatement(
                    "insert into case_data_quality (case_version_id, seq, field, problem) values (?, ?, ?, ?)")) {
                for (var e : problems.entrySet()) {
                    int seq = 0;
                    for (org.kaers.common.Violation v : e.getValue()) {
                        insert.setLong(1, e.getKey().id);
                        insert.setInt(2, seq++);
                        insert.setString(3, v.field());
                        insert.setString(
                                4, v.message().length() > 500 ? v.message().substring(0, 500) : v.message());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }
}
