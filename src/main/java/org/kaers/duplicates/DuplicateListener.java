package org.kaers.duplicates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kaers.report.model.CaseReceived;

/**
 * Screening at intake, off by default ({@code kaers.duplicates.screen-at-intake}, issue 16): a new submission is
 * queued for screening in the transaction that stores it (V71's trigger) and {@link ScreeningWorker} screens it
 * within about a second, so the client's answer names no suspects. When on, a new submission is screened as soon as
 * it is committed, before the client gets its answer (about two thirds of a submission's CPU: README "Load and
 * faults"); a failure here never touches the stored case (its entry stays queued for the worker). Follow-ups,
 * amendments and imports are left to the worker either way.
 */
@ApplicationScoped
class DuplicateListener {

    private static final Logger LOG = Logger.getLogger(DuplicateListener.class);

    private final DuplicateService service;
    private final boolean screenAtIntake;

    DuplicateListener(
            DuplicateService service,
            @ConfigProperty(name = "kaers.duplicates.screen-at-intake", defaultValue = "false")
                    boolean screenAtIntake) {
        this.service = service;
        this.screenAtIntake = screenAtIntake;
    }

    void onReceived(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseReceived event) {
        if (!screenAtIntake) {
            return; // queued with the case; the worker screens it
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
