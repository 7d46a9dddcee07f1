package org.kaers.report;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The source's own outcome list of imported cases (CAERS: VISITED AN ER, NONE, ...), stored as reported on the
 * current version of each case, so that every value of the source is countable (statistics dimension
 * sourceOutcome). Idempotent: recording the same report again adds nothing, and a report whose case is not
 * stored is skipped.
 */
@ApplicationScoped
public class SourceOutcomes {

    private final EntityManager em;

    SourceOutcomes(EntityManager em) {
        this.em = em;
    }

    /** Records the outcomes of the cases of a source, by external id (the source's report number). */
    @Transactional
    public void record(CaseSource source, Map<String, List<String>> byExternalId) {
        for (Map.Entry<String, List<String>> report : byExternalId.entrySet()) {
            for (String outcome : report.getValue()) {
                String value = outcome.strip().replaceAll("\\s+", " ");
                if (value.isEmpty() || value.length() > 100) {
                    continue;
                }
                em.createNativeQuery("""
                        insert into case_source_outcome (case_version_id, outcome)
                        select v.id, ?3 from case_report cr
                        join case_version v on v.case_id = cr.id and v.version = cr.current_version
                        where cr.source = ?1 and cr.external_id = ?2
                        on conflict do nothing""")
                        .setParameter(1, source.name()).setParameter(2, report.getKey()).setParameter(3, value)
                        .executeUpdate();
            }
        }
    }
}
