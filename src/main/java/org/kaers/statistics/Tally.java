package org.kaers.statistics;

import java.time.LocalDate;
import java.util.List;

/**
 * Counted cases before small-cell protection, as either source (aggregates or raw rows) gives them.
 *
 * @param rows the groups, sorted by count (descending) then keys (bytewise)
 * @param missing per dimension counted by, the cases in scope without a value for it
 * @param total the cases in scope
 */
record Tally(List<Row> rows, long[] missing, long total) {

    /** One group: its keys, their labels (null where a key is its own label) and its case count. */
    record Row(List<String> keys, List<String> labels, long n) {
    }

    /** Cases per month (the first day of the month) of receipt or onset, with the cases lacking that date. */
    record Monthly(List<Month> months, long missing, long total) {
    }

    record Month(LocalDate start, long n) {
    }
}
