package org.kaers.vocabulary.model;

/**
 * What vocabulary needs to know about counting the caller's cases of a product, implemented by the disclosure
 * model (statistics.disclosure.Disclosure, the only bean of this type), so that vocabulary does not depend on
 * statistics.
 */
public interface CountedCases {

    /**
     * Where vocabulary's SQL counts cases: it stands after {@code from case_version v} (or a join to it) for the
     * join that picks the counted version of each case and yields {@code case_report cr}. It is not SQL: every
     * statement holding it goes through {@link #scoped(String)} or {@link #live(String)} before it runs, so the
     * counting rule itself has one home (report's {@code CaseScope}), which vocabulary does not use.
     */
    String SCOPE_PLACEHOLDER = " {countedCases} ";

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

    /**
     * The same join for the live data whoever the caller is: the latest version of each case that is not
     * nullified (for curators' queues, which read cases as they are now).
     */
    String latestActive();

    /** {@code sql} with its {@link #SCOPE_PLACEHOLDER} replaced by the caller's scope ({@link #caseScope()}). */
    default String scoped(String sql) {
        return sql.replace(SCOPE_PLACEHOLDER, caseScope());
    }

    /** {@code sql} with its {@link #SCOPE_PLACEHOLDER} replaced by the live scope ({@link #latestActive()}). */
    default String live(String sql) {
        return sql.replace(SCOPE_PLACEHOLDER, latestActive());
    }
}
