package org.kaers.vocabulary;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/**
 * Word-aligned spelling tolerance for coding: two normalised texts match when they have the same number
 * of words and each pair of words is within a few edits (insertions, deletions, substitutions, and
 * transpositions of neighbours, the optimal-string-alignment distance), at most two in all. Words of up
 * to 3 letters must be equal, 4-5 letters may differ by one edit, longer words by two. The distance is Commons
 * Text's {@link DamerauLevenshteinDistance}, which is the optimal string alignment (a transposed pair, "siezure",
 * is one edit; no substring is edited twice: "ca" to "abc" is three). Words listed in
 * {@code vocabulary/protected_words.txt} ("decreased" is not "deceased") must match exactly, and no pair of words
 * may differ in a meaning-bearing part ({@link MeaningGuard}: hyper/hypo, increased/decreased, numbers, roots).
 */
final class EditDistance {

    /** Most edits allowed over the whole text. */
    static final int MAX_TOTAL = 2;
    /** The distances bounded by 0, 1 and 2 edits (immutable, shared). */
    private static final DamerauLevenshteinDistance[] BOUNDED = {
        new DamerauLevenshteinDistance(0), new DamerauLevenshteinDistance(1), new DamerauLevenshteinDistance(2)
    };

    private EditDistance() {}

    /** Total edits between two normalised texts, or -1 when they do not match under the rule above. */
    public static int alignedEdits(String a, String b) {
        return alignedEdits(a, b, java.util.Set.of());
    }

    /** As {@link #alignedEdits(String, String)}, where the words of {@code a} in {@code exact} must match exactly. */
    public static int alignedEdits(String a, String b, java.util.Set<String> exact) {
        String[] wa = a.split(" ");
        String[] wb = b.split(" ");
        if (wa.length != wb.length) {
            return -1;
        }
        int total = 0;
        for (int i = 0; i < wa.length; i++) {
            if (!wa[i].equals(wb[i]) && MeaningGuard.differ(wa[i], wb[i])) {
                return -1;
            }
            int allowed = exact.contains(wa[i]) ? 0 : allowed(Math.min(wa[i].length(), wb[i].length()));
            int d = osa(wa[i], wb[i], allowed);
            if (d < 0) {
                return -1;
            }
            total += d;
            if (total > MAX_TOTAL) {
                return -1;
            }
        }
        return total;
    }

    static int allowed(int length) {
        if (length <= 3) {
            return 0;
        }
        return length <= 5 ? 1 : 2;
    }

    /** Optimal-string-alignment distance, or -1 when it exceeds {@code max}. */
    static int osa(String s, String t, int max) {
        if (Math.abs(s.length() - t.length()) > max) {
            return -1;
        }
        DamerauLevenshteinDistance bounded = max < BOUNDED.length ? BOUNDED[max] : new DamerauLevenshteinDistance(max);
        return bounded.apply(s, t);
    }
}
