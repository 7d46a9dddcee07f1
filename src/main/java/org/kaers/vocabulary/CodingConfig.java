package org.kaers.vocabulary;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of automatic coding (see README, "Coding"). */
@ConfigMapping(prefix = "kaers.coding")
public interface CodingConfig {

    /** Lowest pg_trgm similarity at which a product name joins an existing product (FUZZY, reviewed). */
    @WithDefault("0.7")
    double productSimilarityThreshold();

    /** Whether texts known to be coded skip the intake's coding lookups (KnownTexts). */
    @WithDefault("true")
    boolean cacheKnownTexts();
}
