package org.kaers.duplicates;

/** Where a duplicate suspect stands. Travels as its code, never as an ordinal. */
public enum DuplicateStatus {
    OPEN,
    CONFIRMED,
    DISMISSED
}
