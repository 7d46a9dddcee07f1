package org.kaers.statistics.aggregates;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Folds queued changes into the statistics aggregates every {@code kaers.stats.aggregate-interval} (default 1 s),
 * off the request path. With several instances, one at a time does it (the store's advisory lock); the others
 * skip the round.
 */
@ApplicationScoped
public class AggregateWorker {

    private static final Logger LOG = Logger.getLogger(AggregateWorker.class);

    private final AggregateStore store;
    private volatile boolean stopping;

    AggregateWorker(AggregateStore store) {
        this.store = store;
    }

    /** No new round once the service is stopping (the database connections are going away). */
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
            every = "${kaers.stats.aggregate-interval:1s}",
            delay = 2,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fold() {
        if (stopping()) {
            return;
        }
        try {
            // 0 while an import is still writing its backlog (folded in bulk once it has settled); after a full
            // batch there may be more, a backlog, folded in the catch-up's larger batches.
            int batch = store.nextBatch(false);
            while (batch > 0 && store.processBatch(batch, false) == batch) {
                batch = store.nextBatch(true);
            }
        } catch (RuntimeException e) {
            if (stopping()) {
                return; // interrupted by the shutdown: the queue entries stay for the next start
            }
            // The queue entries stay (the transaction rolled back); the next round retries them.
            LOG.warnf("statistics aggregates not updated this round: %s", org.kaers.common.FailureLog.describe(e));
        }
    }
}
