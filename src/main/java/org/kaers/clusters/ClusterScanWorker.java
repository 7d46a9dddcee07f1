package org.kaers.clusters;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the cluster rules over today's window every {@code kaers.clusters.scan-interval} (default 1 h) and stores
 * what fires ({@link ClusterAlerts}), so that an alert waits for a reviewer instead of existing only while someone
 * looks. The window and the number of cases that make a lot or vendor cluster are configured.
 */
@ApplicationScoped
class ClusterScanWorker {

    private static final Logger LOG = Logger.getLogger(ClusterScanWorker.class);

    private final ClusterAlerts alerts;
    private final int windowDays;
    private final int minCases;
    private volatile boolean stopping;

    ClusterScanWorker(
            ClusterAlerts alerts,
            @ConfigProperty(name = "kaers.clusters.window-days", defaultValue = "30") int windowDays,
            @ConfigProperty(name = "kaers.clusters.min-cases", defaultValue = "3") int minCases) {
        this.alerts = alerts;
        this.windowDays = windowDays;
        this.minCases = minCases;
    }

    void onStop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            every = "${kaers.clusters.scan-interval:1h}",
            delay = 60,
            delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        if (stopping) {
            return;
        }
        try {
            AlertViews.Scan scan = alerts.scan(LocalDate.now(ZoneOffset.UTC), windowDays, minCases);
            if (scan.raised() + scan.updated() > 0) {
                LOG.infof("cluster scan: %d alert(s) raised, %d updated", scan.raised(), scan.updated());
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warnf("cluster scan failed this round: %s", org.kaers.common.FailureLog.describe(e));
            }
        }
    }
}
