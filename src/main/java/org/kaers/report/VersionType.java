package org.kaers.report;

/** How a version came to be: the INITIAL report, a FOLLOW_UP with new information, or an AMENDMENT correcting without new information. Travels as its code, never as an ordinal. */
public enum VersionType {
    INITIAL,
    FOLLOW_UP,
    AMENDMENT
}
