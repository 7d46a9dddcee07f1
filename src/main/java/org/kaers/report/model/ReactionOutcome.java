package org.kaers.report.model;

/** Outcome of a reaction at the time of the report (ICH E2B E.i.7). Travels as its code, never as an ordinal. */
public enum ReactionOutcome {
    RECOVERED,
    RECOVERING,
    NOT_RECOVERED,
    RECOVERED_WITH_SEQUELAE,
    FATAL,
    UNKNOWN
}
