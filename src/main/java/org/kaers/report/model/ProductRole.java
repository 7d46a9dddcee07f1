package org.kaers.report.model;

/** Role of a product in the case (ICH E2B G.k.1). Travels as its code, never as an ordinal. */
public enum ProductRole {
    SUSPECT,
    CONCOMITANT,
    INTERACTING
}
