package org.kaers.report.model;

/** ICH age groups: neonate (<28 d), infant (28 d to 23 months), child (2-11 y), adolescent (12-17 y), adult (18-64 y), elderly (>=65 y). Travels as its code, never as an ordinal. */
public enum AgeGroup {
    NEONATE,
    INFANT,
    CHILD,
    ADOLESCENT,
    ADULT,
    ELDERLY
}
