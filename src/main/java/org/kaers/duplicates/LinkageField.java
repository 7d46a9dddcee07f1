package org.kaers.duplicates;

/** The fields record linkage compares. Travels as its code, never as an ordinal. */
enum LinkageField {
    CENTRE_REFERENCE,
    AGE,
    SEX,
    ONSET_DATE,
    COUNTRY,
    PRODUCTS,
    VENDOR,
    LOT,
    REACTIONS
}
