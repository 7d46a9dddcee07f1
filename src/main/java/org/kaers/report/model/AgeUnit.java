package org.kaers.report.model;

/** Unit of the patient age at onset (ICH E2B D.2.2b). Travels as its code, never as an ordinal. */
public enum AgeUnit {
    DECADE,
    YEAR,
    MONTH,
    WEEK,
    DAY,
    HOUR
}
