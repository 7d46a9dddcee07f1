package org.kaers.signals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of signal detection. */
@ConfigMapping(prefix = "kaers.signals")
public interface SignalConfig {

    /** Refit the EBGM prior when the counted cases have changed by more than this share since the last fit. */
    @WithDefault("0.1")
    double refitChange();

    /**
     * Fewest product x reaction cells with N >= 1 a prior is fitted on; below it no prior is fitted and EBGM is
     * null (five hyperparameters fitted to a handful of cells give nonsense: alpha 1e-5, EBGM 0.00002).
     */
    @WithDefault("100")
    int priorMinCells();

    /** How often to check whether the prior needs a refit ("off" to disable). Read by the scheduler. */
    @WithDefault("10m")
    String refitCheck();
}
