package org.kaers.report.model;

/** Where a case came from: DIRECT (submitted through the API) or an imported public data set. Travels as its code, never as an ordinal. */
public enum CaseSource {
    DIRECT,
    CAERS
}
