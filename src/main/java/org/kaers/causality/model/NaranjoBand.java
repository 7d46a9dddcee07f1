package org.kaers.causality.model;

/** Naranjo bands: >= 9 definite, 5-8 probable, 1-4 possible, <= 0 doubtful. */
public enum NaranjoBand {
    DEFINITE,
    PROBABLE,
    POSSIBLE,
    DOUBTFUL;

    public static NaranjoBand of(int score) {
        if (score >= 9) {
            return DEFINITE;
        }
        if (score >= 5) {
            return PROBABLE;
        }
        if (score >= 1) {
            return POSSIBLE;
        }
        return DOUBTFUL;
    }
}
