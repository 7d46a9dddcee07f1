package org.kaers.causality.model;

/** WHO-UMC causality categories. Travels as its code, never as an ordinal. */
public enum WhoUmcCategory {
    CERTAIN,
    PROBABLE,
    POSSIBLE,
    UNLIKELY,
    CONDITIONAL,
    UNASSESSABLE;

    /** Probable or better: what the statistics count as an assessed causal association. */
    public boolean probableOrBetter() {
        return this == CERTAIN || this == PROBABLE;
    }
}
