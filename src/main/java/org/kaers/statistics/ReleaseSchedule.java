package org.kaers.statistics;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kaers.statistics.aggregates.AggregateStore;

/**
 * When releases are cut: on {@code kaers.stats.release.cron} (Quartz syntax, default daily at 03:00 UTC;
 * {@code off} disables it), at the first check after start when none exists yet, and on an administrator's request.
 */
@ApplicationScoped
class ReleaseSchedule {

    private static final Logger LOG = Logger.getLogger(ReleaseSchedule.class);

    private final AggregateStore store;
    private final ReleaseStore releases;

    ReleaseSchedule(AggregateStore store, ReleaseStore releases) {
        this.store = store;
        this.releases = releases;
    }

    /** Folds the queue in (without holding case changes off), then cuts the release. */
    ReleaseStore.Info publish() {
        store.catchUp();
        return releases.cut();
    }

    @Scheduled(
            cron = "${kaers.stats.release.cron:0 0 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tryPublish();
    }

    /** A researcher never meets an empty release merely because the service is new. */
    @Scheduled(
            every = "${kaers.stats.release.first-check:1m}",
            delay = 3,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void first() {
        if (releases.find(null).isEmpty()) {
            tryPublish();
        }
    }

    private void tryPublish() {
        try {
            ReleaseStore.Info info = publish();
            LOG.infof("statistics release %d cut: %d cells, %d cases", info.id(), info.cells(), info.cases());
        } catch (RuntimeException e) {
            LOG.warnf("statistics release not cut this time: %s", org.kaers.common.FailureLog.describe(e));
        }
    }
}
