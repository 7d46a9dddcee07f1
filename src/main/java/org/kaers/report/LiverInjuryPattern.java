package org.kaers.report;

/** Liver injury pattern from the R ratio (ALT/ULN)/(ALP/ULN): >= 5 hepatocellular, <= 2 cholestatic, between: mixed. Travels as its code, never as an ordinal. */
public enum LiverInjuryPattern {
    HEPATOCELLULAR,
    MIXED,
    CHOLESTATIC
}
