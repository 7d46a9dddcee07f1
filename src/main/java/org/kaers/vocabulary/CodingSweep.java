package org.kaers.vocabulary;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start-up, codes every reaction verbatim and product name that has no coding yet: after a vocabulary
 * release (the migration drops automatic codings) and after data loaded outside the API. Terms of cases from a
 * source that codes them ({@link SymptomCoder#SOURCE_CODED}) are coded exactly or not at all.
 */
@ApplicationScoped
public class CodingSweep {

    private static final Logger LOG = Logger.getLogger(CodingSweep.class);
    private static final int BATCH = 500;
    /* Kept native (NamedNativeQueriesTest runs each): anti-joins over the case tables, a batch at a time. */
    /** Up to ?1 reaction verbatims without a coding. */
    static final String UNCODED_VERBATIMS_SQL = """
            select distinct r.verbatim from case_reaction r
            where not exists (select 1 from verbatim_coding c where c.verbatim = r.verbatim) limit ?1""";
    /** Those of the verbatims ?1 that cases from a source in ?2 report (terms coded by their source). */
    static final String SOURCE_CODED_VERBATIMS_SQL = """
            select distinct r.verbatim from case_reaction r
            join case_version v on v.id = r.case_version_id join case_report cr on cr.id = v.case_id
            where cr.source in (?2) and r.verbatim in (?1)""";
    /** Up to ?1 reported product names without a coding. */
    static final String UNCODED_PRODUCT_NAMES_SQL = """
            select distinct p.name_reported from case_product p
            where not exists (select 1 from product_name_coding c where c.name = p.name_reported) limit ?1""";

    private final EntityManager em;
    private final SymptomCoder symptoms;
    private final ProductCoder products;

    CodingSweep(EntityManager em, SymptomCoder symptoms, ProductCoder products) {
        this.em = em;
        this.symptoms = symptoms;
        this.products = products;
    }

    void onStart(@Observes StartupEvent event) {
        int coded = 0;
        int batch;
        try {
            while ((batch = sweepBatch()) > 0) {
                coded += batch;
            }
        } catch (RuntimeException e) {
            // The database went away after the migrations: start anyway (readiness says DOWN); the next start sweeps.
            LOG.warnf(
                    "coding sweep at start-up stopped after %d texts: %s",
                    coded, org.kaers.common.FailureLog.describe(e));
            return;
        }
        if (coded > 0) {
            LOG.infof("coded %d reaction verbatims and product names at start-up", coded);
        }
    }

    /** Codes up to one batch of uncoded texts; returns how many it found. */
    @Transactional
    public int sweepBatch() {
        @SuppressWarnings("unchecked")
        List<String> verbatims = em.createNativeQuery(UNCODED_VERBATIMS_SQL)
                .setParameter(1, BATCH)
                .getResultList();
        if (!verbatims.isEmpty()) {
            // Terms of cases from a source that codes them (FDA's MedDRA terms) are never spelling-corrected.
            @SuppressWarnings("unchecked")
            List<String> sourceCoded = em.createNativeQuery(SOURCE_CODED_VERBATIMS_SQL)
                    .setParameter(1, verbatims)
                    .setParameter(2, SymptomCoder.SOURCE_CODED)
                    .getResultList();
            symptoms.ensureSourceCoded(sourceCoded);
        }
        symptoms.ensureCoded(verbatims);
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery(UNCODED_PRODUCT_NAMES_SQL)
                .setParameter(1, BATCH)
                .getResultList();
        products.ensureCoded(names);
        return verbatims.size() + names.size();
    }
}
