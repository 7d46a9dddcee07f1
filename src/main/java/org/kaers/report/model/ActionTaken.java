package org.kaers.report.model;

/** Action taken with the product (ICH E2B G.k.8). Travels as its code, never as an ordinal. */
public enum ActionTaken {
    DRUG_WITHDRAWN,
    DOSE_REDUCED,
    DOSE_INCREASED,
    DOSE_NOT_CHANGED,
    NOT_APPLICABLE,
    UNKNOWN
}
