package org.kaers.vocabulary;

/**
 * How a text got its code: EXACT (preferred name, synonym or product alias after normalisation), FUZZY
 * (trigram similarity at or above the threshold), MANUAL (a person decided), NEW (a product name that
 * became a new uncurated product), UNCODED (waiting in the coding queue), WITHHELD (a placeholder for a
 * confidential product name, such as FDA's REDACTED: kept as reported, coded to no product).
 */
enum CodingMethod {
    EXACT,
    FUZZY,
    MANUAL,
    NEW,
    UNCODED,
    WITHHELD
}
