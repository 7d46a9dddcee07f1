package org.kaers.causality.model;

/** The two RUCAM scales, chosen by the R ratio at onset: R >= 5 hepatocellular, otherwise cholestatic or mixed. */
public enum RucamScale {
    HEPATOCELLULAR,
    CHOLESTATIC_OR_MIXED
}
