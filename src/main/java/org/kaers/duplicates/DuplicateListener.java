package org.kaers.duplicates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;
import org.kaers.report.model.CaseReceived;

/**
 * Screens a new submission for duplicates as soon as it is committed, so that the suspects exist when the client
 * gets its answer; a failure here never touches the stored case (its entry stays queued for {@link ScreeningWorker}).
 */
@ApplicationScoped
class DuplicateListener {

    private static final Logger LOG = Logger.getLogger(DuplicateListener.class);
    /**
     * A system property for benchmarks only (bench/IntakeBenchmark): when "true", new submissions are left queued
     * for {@link ScreeningWorker}, so that the share of screening in a submission's cost can be measured in one run.
     */
    static final String SKIP_PROPERTY = "kaers.bench.skip-intake-screening";

    private final DuplicateService service;

    DuplicateListener(DuplicateService service) {
        this.service = service;
    }

    void onReceived(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseReceived event) {
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            return;
        }
        try {
            int found = service.screenQueued(event.caseId());
            if (found > 0) {
                LOG.infof("case %s: %d duplicate suspect(s) queued", event.caseNumber(), found);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "duplicate screening of case %s failed (%s); the case is stored",
                    event.caseNumber(), e.getClass().getSimpleName());
        }
    }
}
