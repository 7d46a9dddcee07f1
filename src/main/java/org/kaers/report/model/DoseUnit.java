package org.kaers.report.model;

/** Unit of one dose. Travels as its code, never as an ordinal. */
public enum DoseUnit {
    GRAM,
    MILLIGRAM,
    MICROGRAM,
    MILLILITRE,
    CAPSULE,
    TABLET,
    SHOT,
    SERVING,
    OTHER
}
