package org.kaers.report.model;

/** Why a case was nullified. Travels as its code, never as an ordinal. */
public enum NullificationReason {
    DUPLICATE,
    REACTION_BEFORE_EXPOSURE,
    PRODUCT_NOT_TAKEN,
    NO_REAL_PATIENT,
    REPORTED_IN_ERROR,
    OTHER
}
