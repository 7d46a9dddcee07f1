package org.kaers.vocabulary;

import java.util.List;

/**
 * The differences between two words that spelling tolerance must never bridge, because they change what a
 * term means rather than how it is spelled (issue 12: HYPERNATRAEMIA is not Hyponatraemia, LIBIDO INCREASED is
 * not Libido decreased, DYSPHONIA is not Dysphagia, ABASIA is not Ataxia). Two different words (normalised, as
 * {@link TextNormalizer#forMatching} gives them) differ in meaning when
 * <ul>
 * <li>either holds a digit (numbers, strengths, types: "type 1" / "type 2" are never a typing error);</li>
 * <li>they begin with opposite or contrasting prefixes (hyper/hypo, tachy/brady, pre/post, in/de-creased,
 * micro/macro, intra/extra, ...);</li>
 * <li>one is the other with a negating or modifying prefix added (a-, an-, dys-, dis-, un-, non-, in-, de-,
 * anti-, hypo-, hyper-: "phasia" / "aphasia", "tonia" / "dystonia");</li>
 * <li>each holds a different meaning-bearing root of medical terms that the other lacks (-phonia / -phagia,
 * -basia / -taxia, natr- / kal-, -cusis / -osmia, ...).</li>
 * </ul>
 * Misspellings inside the same prefix and root ("hypertention", "dysphagai", "nausia") still match.
 */
final class MeaningGuard {

    /** Prefix families: two words starting with prefixes of different members of one family differ. */
    private static final List<List<String>> OPPOSITES = List.of(
            List.of("hyper", "hypo", "normo", "eu"),
            List.of("tachy", "brady"),
            List.of("pre", "post", "ante", "peri"),
            List.of("increas", "decreas", "reduc"),
            List.of("micro", "macro", "mega"),
            List.of("intra", "extra", "inter", "trans"),
            List.of("endo", "exo", "ecto"),
            List.of("sub", "supra", "super", "infra"),
            List.of("poly", "oligo", "olig", "an", "mono"),
            List.of("hemi", "para", "quadri", "tetra", "mono"),
            List.of("inhal", "exhal"),
            List.of("over", "under"),
            List.of("uni", "bi", "tri"),
            List.of("hyperto", "hypoto"),
            List.of("left", "right"),
            List.of("upper", "lower"),
            List.of("dys", "a", "an", "ab", "eu", "para"));

    /** Prefixes that change a word's meaning when added to it. */
    private static final List<String> MODIFIERS = List.of(
            "a", "an", "ab", "dys", "dis", "un", "non", "in", "im", "de", "anti", "hypo", "hyper", "para", "re", "ir",
            "il", "mal", "micro", "macro", "poly", "neo");

    /** Roots that carry the meaning of a term: two words with different ones are different terms. */
    private static final List<String> ROOTS = List.of(
            "phon",
            "phag",
            "phas",
            "phor",
            "phem",
            "phob",
            "phil",
            "basia",
            "taxia",
            "taxi",
            "praxia",
            "lexia",
            "kinesia",
            "kinesi",
            "tonia",
            "tension",
            "trophy",
            "plasia",
            "plasty",
            "pnea",
            "cardia",
            "natr",
            "kal",
            "calc",
            "magnes",
            "phosphat",
            "glyc",
            "lipid",
            "chol",
            "thyr",
            "acusi",
            "osmia",
            "geusia",
            "algesia",
            "esthesia",
            "uria",
            "emia",
            "penia",
            "cytosis",
            "thermia",
            "volemia",
            "tension",
            "somnia",
            "mnesia",
            "opia",
            "ptosis",
            "rrhea",
            "rrhage",
            "stasis",
            "trophic",
            "tropic",
            "spasm",
            "sthenia",
            "lepsy",
            "mania",
            "pathy",
            "plegia",
            "paresis",
            "ceph",
            "derm",
            "hepat",
            "nephr",
            "neur",
            "gastr",
            "enter",
            "colit",
            "oste",
            "arthr",
            "pulmon",
            "pneum",
            "hem",
            "cyt",
            "leuk",
            "erythr",
            "thromb",
            "platelet",
            "sperm",
            "menorr",
            "ovul",
            "lact",
            "hidr",
            "sial",
            "lacrim",
            "rhin",
            "ophthalm",
            "vas",
            "ven",
            "arter",
            "bili",
            "glossi",
            "myel",
            "myos",
            "myocard",
            "stomat",
            "esophag",
            "pept",
            "ton");

    private MeaningGuard() {}

    /** Whether two different words differ in something other than spelling. */
    static boolean differ(String a, String b) {
        if (a.equals(b)) {
            return false;
        }
        if (hasDigit(a) || hasDigit(b)) {
            return true;
        }
        for (List<String> family : OPPOSITES) {
            String pa = prefixIn(family, a);
            String pb = prefixIn(family, b);
            if (pa != null && pb != null && !pa.equals(pb) && !pa.startsWith(pb) && !pb.startsWith(pa)) {
                return true;
            }
        }
        for (String m : MODIFIERS) {
            if (a.startsWith(m) && !b.startsWith(m) && near(a.substring(m.length()), b)
                    || b.startsWith(m) && !a.startsWith(m) && near(b.substring(m.length()), a)) {
                return true;
            }
        }
        String ra = rootOnlyIn(a, b);
        String rb = rootOnlyIn(b, a);
        return ra != null && rb != null;
    }

    /** The root of {@code word} that {@code other} does not hold, the longest first; null when none. */
    private static String rootOnlyIn(String word, String other) {
        String found = null;
        for (String root : ROOTS) {
            if (root.length() >= 3
                    && word.contains(root)
                    && !other.contains(root)
                    && (found == null || root.length() > found.length())) {
                found = root;
            }
        }
        return found;
    }

    /** The longest member of a family that {@code word} starts with (and is longer than), or null. */
    private static String prefixIn(List<String> family, String word) {
        String found = null;
        for (String p : family) {
            if (word.startsWith(p) && word.length() > p.length() && (found == null || p.length() > found.length())) {
                found = p;
            }
        }
        return found;
    }

    /** The rest of a word after a prefix is the other word, or within one edit of it. */
    private static boolean near(String rest, String other) {
        return rest.length() >= 3 && EditDistance.osa(rest, other, 1) >= 0;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
