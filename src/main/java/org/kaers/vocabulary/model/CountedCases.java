package org.kaers.vocabulary.model;

/**
 * What vocabulary needs to know about counting the caller's cases of a product, implemented by the disclosure
 * model (statistics.disclosure.Disclosure, the only bean of this type), so that vocabulary does not depend on
 * statistics.
 */
public interface CountedCases {

    /** Whether the caller gets exact counts. */
    boolean exact();

    /**
     * The value released to the caller for a cell.
     *
     * @param n the cell's true count
     * @param keySum the sum of the disclosure keys of its cases
     */
    long release(long n, long keySum);

    /** A free text is shown when it occurs in at least this many cases. */
    long freeTextMinimumCases();

    /**
     * SQL after {@code from case_version v} that picks the counted version of each case and yields
     * {@code case_report cr}.
     */
    String caseScope();
}
