package org.kaers.duplicates;

/** Where a duplicate suspect stands. Travels as its code, never as an ordinal. */
enum DuplicateStatus {
    OPEN,
    CONFIRMED,
    DISMISSED
}
