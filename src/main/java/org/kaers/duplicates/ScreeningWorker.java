package org.kaers.duplicates;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Screens the queued cases the API did not screen at once (follow-ups, amendments, imported cases and their
 * updates) every {@code kaers.duplicates.screening-interval} (default 5 s), one case per transaction, oldest
 * first; the cases of a round share their value counts. Several instances share the queue (locked entries are
 * skipped). A case that fails is retried, at most {@link ScreeningQueue#MAX_ATTEMPTS} times.
 */
@ApplicationScoped
class ScreeningWorker {

    private static final Logger LOG = Logger.getLogger(ScreeningWorker.class);
    /** At most this many cases per round (the next round goes on). */
    static final int ROUND = 1000;

    private final DuplicateService service;
    private volatile boolean stopping;

    ScreeningWorker(DuplicateService service) {
        this.service = service;
    }

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${kaers.duplicates.screening-interval:5s}", delay = 5,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        int suspects = 0;
        int screened = 0;
        java.util.Map<String, Double> counts = new java.util.HashMap<>();
        for (int i = 0; i < ROUND && !stopping; i++) {
            Optional<DuplicateService.Screened> done = next(false, counts);
            if (done == null) {
                continue; // failed; counted
            }
            if (done.isEmpty()) {
                break;
            }
            screened++;
            suspects += done.get().suspects();
        }
        if (suspects > 0) {
            LOG.infof("duplicate screening: %d case(s) screened, %d suspect(s) queued", screened, suspects);
        }
    }

    /** Screens everything queued now (waiting for entries others hold); returns how many cases were screened. */
    int catchUp(int max) {
        int screened = 0;
        java.util.Map<String, Double> counts = new java.util.HashMap<>();
        while (screened < max) {
            Optional<DuplicateService.Screened> done = next(true, counts);
            if (done == null) {
                continue; // failed: its attempts grow until it is left for an operator
            }
            if (done.isEmpty()) {
                if (service.screeningState().pending() == 0) {
                    break;
                }
                continue; // the entry we waited for was screened by another: look again
            }
            screened++;
        }
        return screened;
    }

    /** The next case screened, empty when none is queued, null when its screening failed (noted on its entry). */
    private Optional<DuplicateService.Screened> next(boolean wait, java.util.Map<String, Double> counts) {
        try {
            return service.screenNext(wait, counts);
        } catch (DuplicateService.ScreeningFailed e) {
            if (stopping) {
                return Optional.empty();
            }
            LOG.warnf("duplicate screening of case id %d failed (%s); retried later", e.caseId,
                    org.kaers.common.ProblemMappers.describe(e.getCause()));
            service.screeningFailed(e.caseId);
            return null;
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("duplicate screening round stopped: %s", org.kaers.common.ProblemMappers.describe(e));
            }
            return Optional.empty();
        }
    }
}
