package org.kaers.vocabulary;

/**
 * Word-aligned spelling tolerance for coding: two normalised texts match when they have the same number
 * of words and each pair of words is within a few edits (insertions, deletions, substitutions, and
 * transpositions of neighbours, the optimal-string-alignment distance), at most two in all. Words of up
 * to 3 letters must be equal, 4-5 letters may differ by one edit, longer words by two. Commons Text has
 * Levenshtein but not transpositions ("siezure"), hence this small class. Words listed in
 * {@code vocabulary/protected_words.txt} ("decreased" is not "deceased") must match exactly, and no pair of words
 * may differ in a meaning-bearing part ({@link MeaningGuard}: hyper/hypo, increased/decreased, numbers, roots).
 */
final class EditDistance {

    /** Most edits allowed over the whole text. */
    static final int MAX_TOTAL = 2;

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
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        int distance = d[s.length()][t.length()];
        return distance <= max ? distance : -1;
    }
}
