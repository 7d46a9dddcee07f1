package org.kaers.duplicates;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Screens the queued cases (new submissions unless {@code kaers.duplicates.screen-at-intake} is on, follow-ups,
 * amendments, imported cases and their updates) every {@code kaers.duplicates.screening-interval} (default 1 s, so
 * that a new submission's suspects appear about a second after its answer), oldest first, {@link #BATCH} cases per
 * transaction. A tick with nothing queued costs one transaction and one query ({@link ScreeningQueue#backlog}). A
 * backlog still growing fast (at least {@code kaers.duplicates.defer-entries} entries queued at
 * {@code kaers.duplicates.defer-rate} a second or more: an import, a burst of submissions) is left alone until it
 * settles, at most 5 minutes ({@link org.kaers.common.GrowingBacklog}, the aggregate worker's rule too): screened
 * while it grows, it is screened in many small batches (dearer per case) on the cores the writes need. Catch-up
 * ({@link #catchUp}) never waits. Several instances share the queue (locked entries are skipped). A case that fails
 * is retried, at most {@link ScreeningQueue#MAX_ATTEMPTS} times.
 */
@ApplicationScoped
class ScreeningWorker {

    private static final Logger LOG = Logger.getLogger(ScreeningWorker.class);
    /** At most this many cases per round (the next round goes on). */
    static final int ROUND = 1000;
    /** Cases screened together in one transaction. */
    static final int BATCH = 200;

    private final DuplicateService service;
    private final long deferEntries;
    private final double deferRate;
    private volatile boolean stopping;

    ScreeningWorker(
            DuplicateService service,
            @org.eclipse.microprofile.config.inject.ConfigProperty(
                            name = "kaers.duplicates.defer-entries",
                            defaultValue = "100")
                    long deferEntries,
            @org.eclipse.microprofile.config.inject.ConfigProperty(
                            name = "kaers.duplicates.defer-rate",
                            defaultValue = "50")
                    double deferRate) {
        this.service = service;
        this.deferEntries = deferEntries;
        this.deferRate = deferRate;
    }

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Whether the service is stopping: the shutdown event was seen, or the application is no longer started (the
     * persistence unit can close before the shutdown event reaches this bean, and a round then fails on it: that is
     * the shutdown, not a failure to report).
     */
    private boolean stopping() {
        io.quarkus.runtime.Application app = io.quarkus.runtime.Application.currentApplication();
        return stopping || app != null && !app.isStarted();
    }

    @Scheduled(
            every = "${kaers.duplicates.screening-interval:1s}",
            delay = 5,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        if (stopping()) {
            return;
        }
        try {
            org.kaers.common.GrowingBacklog backlog = service.screeningBacklog();
            if (backlog.entries() == 0 || backlog.defers(deferEntries, deferRate, java.time.Instant.now())) {
                return;
            }
        } catch (RuntimeException e) {
            if (!stopping()) {
                LOG.warnf("duplicate screening round skipped: %s", org.kaers.common.FailureLog.describe(e));
            }
            return;
        }
        int[] done = screen(false, ROUND);
        if (done[1] > 0) {
            LOG.infof("duplicate screening: %d case(s) screened, %d suspect(s) queued", done[0], done[1]);
        }
    }

    /** Screens everything queued now (waiting for entries others hold); returns how many cases were screened. */
    int catchUp(int max) {
        int screened = 0;
        while (screened < max) {
            int[] done = screen(true, max - screened);
            screened += done[0];
            if (done[2] == 0 || done[0] == 0 && service.screeningState().pending() == 0) {
                break; // nothing tried (an error stopped it), or nothing left
            }
        }
        return screened;
    }

    /**
     * Screens up to {@code max} queued cases in batches of {@link #BATCH}; a batch that fails is followed by as many
     * single-case batches, so that only the failing case is charged. Returns {cases screened, suspects queued, cases
     * tried (screened or charged with a failure)}.
     */
    private int[] screen(boolean wait, int max) {
        int screened = 0;
        int suspects = 0;
        int singles = 0;
        int tried = 0;
        while (screened < max && !stopping()) {
            int size = singles > 0 ? 1 : Math.min(BATCH, max - screened);
            Optional<DuplicateService.Screened> done;
            try {
                done = service.screenNext(wait, size);
            } catch (DuplicateService.ScreeningFailed e) {
                if (stopping()) {
                    break;
                }
                if (e.caseIds.size() > 1) {
                    singles = e.caseIds.size(); // find the case that fails
                    continue;
                }
                LOG.warnf(
                        "duplicate screening of case id %d failed (%s); retried later",
                        e.caseIds.get(0), org.kaers.common.FailureLog.describe(e.getCause()));
                service.screeningFailed(e.caseIds.get(0));
                tried++;
                singles--;
                continue;
            } catch (RuntimeException e) {
                if (!stopping()) {
                    LOG.warnf("duplicate screening round stopped: %s", org.kaers.common.FailureLog.describe(e));
                }
                break;
            }
            if (done.isEmpty()) {
                break;
            }
            screened += done.get().cases();
            tried += done.get().cases();
            suspects += done.get().suspects();
            singles = Math.max(0, singles - 1);
        }
        return new int[] {screened, suspects, tried};
    }
}
