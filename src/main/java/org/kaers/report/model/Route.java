package org.kaers.report.model;

/** Route of administration. Travels as its code, never as an ordinal. */
public enum Route {
    ORAL,
    SUBLINGUAL,
    INHALATION,
    INTRANASAL,
    INTRAVENOUS,
    INTRAMUSCULAR,
    TRANSDERMAL,
    OTHER,
    UNKNOWN
}
