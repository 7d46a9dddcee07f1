package org.kaers.report.model;

/** Patient sex (ICH E2B D.5). Travels as its code, never as an ordinal. */
public enum Sex {
    FEMALE,
    MALE,
    UNKNOWN
}
