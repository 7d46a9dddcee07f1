package org.kaers.report.model;

/** Life-cycle status of a case: ACTIVE, or NULLIFIED (voided, irreversible, out of statistics). Travels as its code, never as an ordinal. */
public enum CaseStatus {
    ACTIVE,
    NULLIFIED
}
