package org.kaers.report.model;

/** Result of stopping (dechallenge) or restarting (rechallenge) the product: POSITIVE means the reaction abated on dechallenge or recurred on rechallenge. Travels as its code, never as an ordinal. */
public enum ChallengeResult {
    POSITIVE,
    NEGATIVE,
    NOT_DONE,
    UNKNOWN
}
