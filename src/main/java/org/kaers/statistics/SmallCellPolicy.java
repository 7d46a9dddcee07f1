package org.kaers.statistics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The settings of statistics reads. Small cells are no longer suppressed cell by cell: every number a
 * researcher receives goes through the disclosure model ({@link org.kaers.statistics.disclosure.Disclosure},
 * applied by {@link Release}), whose threshold is configured here.
 */
@ApplicationScoped
public class SmallCellPolicy {

    /** Settings of statistics reads and their protection. */
    @ConfigMapping(prefix = "kaers.stats")
    public interface Config {
        /** Counts from 1 up to this are never released to researchers (cell key method); 0 turns protection off. */
        @WithDefault("5")
        int smallCellThreshold();

        /** Longest a statistics query may run before it is cancelled (503 with Retry-After). */
        @WithDefault("20s")
        java.time.Duration queryTimeout();

        /**
         * How often the worker folds queued changes into the aggregates ({@link org.kaers.statistics.aggregates.AggregateWorker}); "off"
         * disables it (catch-up still works). Read by the scheduler; declared here so that it is known.
         */
        @WithDefault("1s")
        String aggregateInterval();

        /** When researchers' frozen releases are cut ({@link ReleaseSchedule}); read by the scheduler. */
        Releases release();

        /** The schedule of releases. */
        interface Releases {
            /** Quartz cron, UTC ("off" disables it). */
            @WithDefault("0 0 3 * * ?")
            String cron();

            /** How often to check that a first release exists (cut one when none does). */
            @WithDefault("1m")
            String firstCheck();
        }
    }

    private final long queryTimeoutMillis;

    @jakarta.inject.Inject
    SmallCellPolicy(Config config) {
        this.queryTimeoutMillis = config.queryTimeout().toMillis();
    }

    /** The statement timeout of statistics queries, in milliseconds. */
    long queryTimeoutMillis() {
        return queryTimeoutMillis;
    }
}
