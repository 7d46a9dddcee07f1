package org.kaers.vocabulary;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Detects the substance of a product from its free-text name ("MAENG DA {KROTAM}" is KRATOM) with the
 * pattern of {@code vocabulary/substances.csv}, matched against the {@link TextNormalizer#basic} form.
 * The first substance in file order with a matching pattern wins; no match is UNKNOWN for an empty or
 * "unknown"-like name and OTHER for any other name.
 * <p>
 * A pattern is an alternation of up to 130 spellings, and Java's regex engine tries every alternative at every
 * position of the name: about 0.7 ms a name for all the patterns, 30 s for the 45,000 new names of FDA's file. So
 * each pattern is tried only on names that contain one of its {@link #anchors} (a literal every match of an
 * alternative contains); a pattern with an alternative that has none is always tried. The answer is the regex's.
 */
@ApplicationScoped
class SubstanceDetector {

    public static final String UNKNOWN = "UNKNOWN";
    public static final String OTHER = "OTHER";
    private static final Set<String> UNKNOWN_NAMES = Set.of("", "unknown", "unk", "n a", "na", "not known", "none");

    /** {@code anchors} null: the pattern is tried on every name. */
    private record Rule(String substance, Pattern pattern, List<String> anchors) {

        boolean matches(String basic) {
            if (anchors != null && anchors.stream().noneMatch(basic::contains)) {
                return false;
            }
            return pattern.matcher(basic).find();
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    public SubstanceDetector() {
        for (VocabularyFiles.SubstanceRow row : VocabularyFiles.substances()) {
            if (!row.detectionPattern().isEmpty()) {
                rules.add(new Rule(
                        row.code(),
                        Pattern.compile(row.detectionPattern(), Pattern.CASE_INSENSITIVE),
                        anchors(row.detectionPattern())));
            }
        }
    }

    public String detect(String productName) {
        String basic = TextNormalizer.basic(productName);
        for (Rule rule : rules) {
            if (rule.matches(basic)) {
                return rule.substance();
            }
        }
        return UNKNOWN_NAMES.contains(basic) ? UNKNOWN : OTHER;
    }

    /**
     * For each top-level alternative of {@code regex}, a literal that every match of it contains (lower case), or
     * null when some alternative has none of at least two characters ({@link #anchor}).
     */
    static List<String> anchors(String regex) {
        List<String> out = new ArrayList<>();
        for (String alternative : alternatives(regex)) {
            String anchor = anchor(alternative);
            if (anchor == null || anchor.length() < 2) {
                return null;
            }
            out.add(anchor.toLowerCase(Locale.ROOT));
        }
        return out.isEmpty() ? null : out.stream().distinct().toList();
    }

    /** The top-level alternatives: split at {@code |} outside groups and character classes. */
    static List<String> alternatives(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (inClass) {
                inClass = ch != ']';
            } else if (ch == '[') {
                inClass = true;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    /**
     * The longest run of plain characters that every match of {@code alternative} (no top-level {@code |})
     * contains: runs end at every metacharacter; a character made optional ({@code ?}, {@code *}, a {@code {}
     * quantifier) is left out of its run; a character repeated by {@code +} ends its run; groups, classes and
     * escapes (with their quantifiers) are skipped.
     */
    private static String anchor(String alternative) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int n = alternative.length();
        int i = 0;
        while (i < n) {
            char ch = alternative.charAt(i);
            if (Character.isLetterOrDigit(ch) || ch == ' ') {
                char next = i + 1 < n ? alternative.charAt(i + 1) : 0;
                if (next == '?' || next == '*' || next == '{') {
                    end(runs, run);
                    i = afterQuantifier(alternative, i + 1);
                } else if (next == '+') {
                    run.append(ch);
                    end(runs, run);
                    i = afterQuantifier(alternative, i + 1);
                } else {
                    run.append(ch);
                    i++;
                }
                continue;
            }
            end(runs, run);
            if (ch == '(') {
                int close = closing(alternative, i);
                if (close < 0) {
                    return null;
                }
                i = afterQuantifier(alternative, close + 1);
            } else if (ch == '[') {
                int close = alternative.indexOf(']', i + 2);
                if (close < 0) {
                    return null;
                }
                i = afterQuantifier(alternative, close + 1);
            } else if (ch == '\\') {
                i = afterQuantifier(alternative, i + 2);
            } else {
                i = afterQuantifier(alternative, i + 1);
            }
        }
        end(runs, run);
        return runs.stream().reduce("", (a, b) -> b.length() > a.length() ? b : a);
    }

    private static void end(List<String> runs, StringBuilder run) {
        if (!run.isEmpty()) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    /** The index after the quantifier (and its lazy or possessive mark) that starts at {@code i}, if any. */
    private static int afterQuantifier(String s, int i) {
        if (i < s.length() && s.charAt(i) == '{') {
            int close = s.indexOf('}', i);
            i = close < 0 ? s.length() : close + 1;
        } else if (i < s.length() && "?*+".indexOf(s.charAt(i)) >= 0) {
            i++;
        } else {
            return i;
        }
        return i < s.length() && (s.charAt(i) == '?' || s.charAt(i) == '+') ? i + 1 : i;
    }

    /** The index of the parenthesis that closes the group opened at {@code open}, or -1. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
