package org.kaers.causality.model;

/** An answer to one Naranjo question. Travels as its code, never as an ordinal. */
public enum NaranjoAnswer {
    YES,
    NO,
    DONT_KNOW
}
