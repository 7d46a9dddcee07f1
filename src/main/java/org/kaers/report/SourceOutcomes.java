package org.kaers.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.kaers.report.model.CaseSource;

/**
 * The source's own outcome list of imported cases (CAERS: VISITED AN ER, NONE, ...), stored as reported on the
 * current version of each case, so that every value of the source is countable (statistics dimension
 * sourceOutcome). Idempotent: recording the same report again adds nothing, and a report whose case is not
 * stored is skipped.
 */
@ApplicationScoped
public class SourceOutcomes {

    private final EntityManager em;
    private final ObjectMapper json;

    SourceOutcomes(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Records the outcomes of the cases of a source, by external id (the source's report number), in one
     * statement: an import batch adds its outcomes at once.
     */
    @Transactional
    public void record(CaseSource source, Map<String, List<String>> byExternalId) {
        ArrayNode rows = json.createArrayNode();
        byExternalId.forEach((externalId, outcomes) -> outcomes.stream()
                .map(o -> o.strip().replaceAll("\\s+", " "))
                .filter(o -> !o.isEmpty())
                .distinct()
                .forEach(o -> rows.addObject().put("ext", externalId).put("outcome", o)));
        if (rows.isEmpty()) {
            return;
        }
        org.kaers.common.GrowingTables.planEachRun(
                em,
                () -> em.createNativeQuery("""
                insert into case_source_outcome (case_version_id, outcome)
                select v.id, o.outcome from jsonb_to_recordset(cast(?2 as jsonb)) as o(ext text, outcome text)
                join case_report cr on cr.source = ?1 and cr.external_id = o.ext
                join case_version v on v.case_id = cr.id and v.version = cr.current_version
                on conflict do nothing""")
                        .setParameter(1, source.name())
                        .setParameter(2, rows.toString())
                        .executeUpdate());
    }
}
