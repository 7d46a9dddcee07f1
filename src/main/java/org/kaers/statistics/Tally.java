package org.kaers.statistics;

import java.time.LocalDate;
import java.util.List;

/**
 * Counted cases before disclosure control, as either source (aggregates or raw rows) gives them. Beside every
 * count is the sum of the disclosure keys of the cases it counts (the cell key; see statistics.disclosure),
 * never released.
 *
 * @param rows the groups, sorted by count (descending) then keys (bytewise)
 * @param missing per dimension counted by, the cases in scope without a value for it
 * @param total the cases in scope
 * @param missingKeys the key sums of the missing cells
 * @param totalKey the key sum of the cases in scope
 */
record Tally(List<Row> rows, long[] missing, long total, long[] missingKeys, long totalKey) {

    /** One group: its keys, their labels (null where a key is its own label), its case count and key sum. */
    record Row(List<String> keys, List<String> labels, long n, long k) {}

    /** Cases per month (the first day of the month) of receipt or onset, with the cases lacking that date. */
    record Monthly(List<Month> months, long missing, long total, long missingKey, long totalKey) {}

    record Month(LocalDate start, long n, long k) {}
}
