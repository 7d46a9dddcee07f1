package org.kaers.openfda;

import java.util.List;

/**
 * A parsed openFDA search: the tree {@link SearchParser} builds from Lucene's parse and {@link SearchSql}
 * translates. A leaf's field is null when the query names none (openFDA then looks in every field).
 */
sealed interface Search {

    /** Every case (Lucene's {@code *:*}, the neutral element of AND). */
    record All() implements Search {}

    record And(List<Search> parts) implements Search {}

    record Or(List<Search> parts) implements Search {}

    record Not(Search part) implements Search {}

    /** {@code field:term} or {@code field:"a phrase"}. */
    record Term(FoodEventField.Ref field, String text) implements Search {}

    /** {@code field:kra*}: {@code *} stands for any characters. */
    record Wildcard(FoodEventField.Ref field, String pattern) implements Search {}

    /** {@code field:[from TO to]} (inclusive) or with braces (exclusive); a null bound is open ({@code *}). */
    record Range(FoodEventField.Ref field, String from, String to, boolean fromInclusive, boolean toInclusive)
            implements Search {}

    /** {@code _exists_:field} ({@code _missing_:field} is its negation, as in openFDA). */
    record Exists(FoodEventField.Ref field) implements Search {}
}
