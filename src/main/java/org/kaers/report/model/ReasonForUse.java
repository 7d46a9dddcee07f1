package org.kaers.report.model;

/** Why the patient took the product. Travels as its code, never as an ordinal. */
public enum ReasonForUse {
    PAIN,
    OPIOID_WITHDRAWAL,
    OPIOID_USE_DISORDER,
    MOOD,
    ANXIETY,
    ENERGY,
    SLEEP,
    RECREATIONAL,
    PRESCRIBED_INDICATION,
    OTHER,
    UNKNOWN
}
