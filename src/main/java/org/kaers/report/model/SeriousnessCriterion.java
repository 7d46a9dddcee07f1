package org.kaers.report.model;

/** Seriousness criteria (ICH E2B E.i.3.2); any one makes the case serious. Travels as its code, never as an ordinal. */
public enum SeriousnessCriterion {
    DEATH,
    LIFE_THREATENING,
    HOSPITALIZATION,
    DISABILITY,
    CONGENITAL_ANOMALY,
    REQUIRED_INTERVENTION,
    OTHER_MEDICALLY_IMPORTANT
}
