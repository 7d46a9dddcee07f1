package org.kaers.vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules about product names as reported, in one place: which texts are placeholders for a confidential
 * name, and when two different spellings are certainly one product (an automatic merge) rather than
 * possibly one (a suggestion for a reviewer).
 * <p>
 * An automatic merge needs trigram similarity at or above the threshold <em>and</em> one of: the same words
 * in another order; the same letters with other spacing ("MAENG DA" / "MAENGDA"); or the same words but one,
 * which differs from its counterpart by a typing error (one edit in a word of 5-7 letters, at most two in a
 * longer one) and is no distinguishing word. Words that carry digits (strengths, "2", "D3", "7OH") must be
 * equal, and distinguishing words ({@link #DISTINGUISHING}: strengths and editions such as PLUS, ULTRA,
 * WOMEN'S, MENS; forms; flavours; colours) are never edited. A missing or extra word is never automatic.
 */
final class ProductNames {

    /** FDA's placeholders for a name withheld as confidential (basic form, see {@link TextNormalizer#basic}). */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "^(?:\\(?b\\)?\\s*\\(?4\\)?\\s*)?(?:redacted|redacted \\w+|\\w+ redacted|exemption 4|exemption \\(?b\\)?\\s*4|"
                    + "b 4|b4|ex 4|exempt 4|exemption iv|withheld|name withheld|confidential|product name redacted|"
                    + "redacted exemption 4|exemption 4 redacted|redacted b 4)$");

    static final Set<String> DISTINGUISHING = Set.copyOf(List.of(
            // editions and strengths
            "plus",
            "extra",
            "max",
            "maximum",
            "ultra",
            "pro",
            "lite",
            "light",
            "mini",
            "junior",
            "jr",
            "kid",
            "kids",
            "child",
            "children",
            "childrens",
            "adult",
            "adults",
            "women",
            "womens",
            "woman",
            "men",
            "mens",
            "man",
            "senior",
            "silver",
            "gold",
            "platinum",
            "original",
            "classic",
            "advanced",
            "complete",
            "forte",
            "strength",
            "regular",
            "double",
            "triple",
            "high",
            "low",
            "super",
            "mega",
            "prenatal",
            "sport",
            "active",
            "xr",
            "er",
            "sr",
            "xl",
            "hd",
            "dm",
            "pm",
            "am",
            "night",
            "nighttime",
            "day",
            "daytime",
            "sleep",
            "sugar",
            "free",
            "decaf",
            "diet",
            "zero",
            "plain",
            "enhanced",
            "reserve",
            "premium",
            "select",
            "natural",
            "organic",
            "raw",
            "pure",
            "fast",
            "slow",
            "release",
            "rapid",
            "instant",
            "fresh",
            "whole",
            "new",
            // forms
            "capsule",
            "capsules",
            "cap",
            "caps",
            "tablet",
            "tablets",
            "tab",
            "tabs",
            "powder",
            "powders",
            "liquid",
            "drink",
            "drinks",
            "shot",
            "shots",
            "tea",
            "teas",
            "oil",
            "oils",
            "cream",
            "spray",
            "bar",
            "bars",
            "gummy",
            "gummies",
            "chewable",
            "chewables",
            "softgel",
            "softgels",
            "gel",
            "gels",
            "drops",
            "syrup",
            "extract",
            "tincture",
            "resin",
            "leaf",
            "leaves",
            "shake",
            "juice",
            "water",
            "soda",
            "chips",
            "cookie",
            "cookies",
            "candy",
            "lozenge",
            "lozenges",
            "patch",
            "lotion",
            "bottle",
            "can",
            "pack",
            "packet",
            // flavours
            "chocolate",
            "vanilla",
            "strawberry",
            "cherry",
            "lemon",
            "lime",
            "orange",
            "grape",
            "berry",
            "berries",
            "mint",
            "peppermint",
            "spearmint",
            "mango",
            "peach",
            "apple",
            "banana",
            "coconut",
            "caramel",
            "raspberry",
            "blueberry",
            "blackberry",
            "watermelon",
            "melon",
            "pineapple",
            "tropical",
            "cinnamon",
            "honey",
            "unflavored",
            "flavored",
            "citrus",
            "fruit",
            "fruits",
            "punch",
            "cola",
            "coffee",
            "mocha",
            "cookies",
            "cream",
            "butter",
            "peanut",
            "almond",
            "pomegranate",
            "cranberry",
            "kiwi",
            "ginger",
            "salted",
            "sweet",
            "sour",
            "spicy",
            "hot",
            "original",
            // colours and vein labels
            "red",
            "green",
            "white",
            "yellow",
            "black",
            "blue",
            "pink",
            "purple",
            "brown",
            "dark",
            "gray",
            "grey"));

    private static final Pattern DIGIT = Pattern.compile(".*\\d.*");

    private ProductNames() {}

    /** Whether the name is one of FDA's placeholders for a confidential name (REDACTED, EXEMPTION 4, ...). */
    public static boolean isPlaceholder(String name) {
        String basic = TextNormalizer.basic(name);
        return !basic.isEmpty() && PLACEHOLDER.matcher(basic).matches();
    }

    /**
     * Whether two different names are certainly the same product (see the class comment).
     *
     * @param a a name as reported (or its normalised form)
     * @param b another
     * @param threshold the least trigram similarity
     */
    public static boolean certainlySame(String a, String b, double threshold) {
        String x = TextNormalizer.basic(a);
        String y = TextNormalizer.basic(b);
        if (x.equals(y)) {
            return true;
        }
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.replace(" ", "").equals(y.replace(" ", ""))) {
            return true; // the same letters and digits, spaced differently ("MAENG DA" / "MAENGDA", "B 12" / "B12")
        }
        if (similarity(x, y) < threshold) {
            return false;
        }
        List<String> wx = Arrays.asList(x.split(" "));
        List<String> wy = Arrays.asList(y.split(" "));
        if (wx.size() == wy.size()
                && new HashSet<>(wx).equals(new HashSet<>(wy))
                && sorted(wx).equals(sorted(wy))) {
            return true; // the same words in another order
        }
        if (wx.size() != wy.size()) {
            return false;
        }
        int differing = 0;
        for (int i = 0; i < wx.size(); i++) {
            String p = wx.get(i);
            String q = wy.get(i);
            if (p.equals(q)) {
                continue;
            }
            differing++;
            if (differing > 1 || !typo(p, q)) {
                return false;
            }
        }
        return differing == 1;
    }

    private static boolean typo(String p, String q) {
        if (DIGIT.matcher(p).matches() || DIGIT.matcher(q).matches()) {
            return false;
        }
        if (DISTINGUISHING.contains(p)
                || DISTINGUISHING.contains(q)
                || DISTINGUISHING.contains(singular(p))
                || DISTINGUISHING.contains(singular(q))) {
            return false;
        }
        int shorter = Math.min(p.length(), q.length());
        if (shorter < 5) {
            return false;
        }
        int allowed = shorter >= 8 ? 2 : 1;
        return EditDistance.osa(p, q, allowed) >= 0;
    }

    private static String singular(String word) {
        return word.length() > 3 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    /**
     * The lookup keys stored for an alias (its normalised form): its words sorted ({@code b:}), its letters without
     * spaces ({@code n:}), itself ({@code f:}), and for names of two or more words each word masked ({@code m:})
     * and each word dropped ({@code d:}).
     */
    public static Set<String> keys(String normalized) {
        Set<String> out = new java.util.LinkedHashSet<>();
        List<String> words = Arrays.asList(normalized.split(" "));
        out.add("b:" + String.join(" ", sorted(words)));
        out.add("n:" + normalized.replace(" ", ""));
        out.add("f:" + normalized);
        if (words.size() >= 2) {
            for (int i = 0; i < words.size(); i++) {
                out.add("m:" + with(words, i, "*"));
                out.add("d:" + with(words, i, null));
            }
        }
        return out;
    }

    /**
     * The keys a new name probes to find the aliases it may be a spelling of (or a sibling of): the same words in
     * another order, the same letters, one word different, one word more, one word fewer.
     */
    public static Set<String> probes(String normalized) {
        Set<String> out = new java.util.LinkedHashSet<>();
        List<String> words = Arrays.asList(normalized.split(" "));
        out.add("b:" + String.join(" ", sorted(words)));
        out.add("n:" + normalized.replace(" ", ""));
        out.add("d:" + normalized);
        if (words.size() >= 2) {
            for (int i = 0; i < words.size(); i++) {
                out.add("m:" + with(words, i, "*"));
                out.add("f:" + with(words, i, null));
            }
        }
        return out;
    }

    private static String with(List<String> words, int at, String replacement) {
        List<String> out = new ArrayList<>(words);
        if (replacement == null) {
            out.remove(at);
        } else {
            out.set(at, replacement);
        }
        return String.join(" ", out);
    }

    /** Trigram similarity as PostgreSQL's pg_trgm computes it (words padded, distinct trigrams, Jaccard). */
    public static double similarity(String a, String b) {
        Set<String> x = trigrams(a);
        Set<String> y = trigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String t : x) {
            if (y.contains(t)) {
                common++;
            }
        }
        return (double) common / (x.size() + y.size() - common);
    }

    private static Set<String> trigrams(String text) {
        Set<String> out = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            String padded = "  " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                out.add(padded.substring(i, i + 3));
            }
        }
        return out;
    }
}
