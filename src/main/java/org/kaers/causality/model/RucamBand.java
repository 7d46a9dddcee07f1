package org.kaers.causality.model;

/** RUCAM causality grades: <= 0 excluded, 1-2 unlikely, 3-5 possible, 6-8 probable, >= 9 highly probable. */
public enum RucamBand {
    EXCLUDED,
    UNLIKELY,
    POSSIBLE,
    PROBABLE,
    HIGHLY_PROBABLE;

    public static RucamBand of(int score) {
        if (score >= 9) {
            return HIGHLY_PROBABLE;
        }
        if (score >= 6) {
            return PROBABLE;
        }
        if (score >= 3) {
            return POSSIBLE;
        }
        if (score >= 1) {
            return UNLIKELY;
        }
        return EXCLUDED;
    }
}
