package org.kaers.report.model;

/** Qualification of the primary reporter (ICH E2B C.2.r.4); UNKNOWN for imported data that does not say. Travels as its code, never as an ordinal. */
public enum ReporterQualification {
    PHYSICIAN,
    PHARMACIST,
    NURSE,
    OTHER_HEALTH_PROFESSIONAL,
    POISON_CENTRE,
    CONSUMER,
    UNKNOWN
}
