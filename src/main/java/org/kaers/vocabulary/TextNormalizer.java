package org.kaers.vocabulary;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalisation of free text used for coding, so that a reporter's "Diarrhoea!!", "diarrhea"
 * and "DIARRHOEAS" meet the same vocabulary entry.
 * <ol>
 * <li>{@link #basic}: lower case, accents stripped (NFKD), every character that is not a letter or digit
 * replaced by a space, spaces collapsed. Substance detection works on this form.</li>
 * <li>{@link #forMatching}: basic, then per word British to American spelling (diarrhoea, oedema,
 * haem-, anaem-, -aemia, paed-, -aesth-, faec-, oesophag-, oestr-, foet-, -isation, -ise words are
 * left alone) and a simple singular (a trailing "s" is dropped from words longer than three letters
 * that do not end in "ss", "us" or "is"). Codes are looked up and compared in this form.</li>
 * </ol>
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    /** British fragment -> American fragment, applied in order to each word. */
    private static final String[][] SPELLING = {
        {"oea", "ea"}, // diarrhoea, dyspnoea, apnoea, amenorrhoea, gonorrhoea
        {"haem", "hem"}, // haemorrhage, haematemesis, haemoglobin
        {"anaem", "anem"}, // anaemia
        {"aemia", "emia"}, // leukaemia, hypoglycaemia, hyperkalaemia
        {"paed", "ped"}, // paediatric
        {"aesth", "esth"}, // paraesthesia, anaesthesia
        {"faec", "fec"}, // faeces, faecal
        {"caes", "ces"}, // caesarean
        {"gynaec", "gynec"},
        {"oesoph", "esoph"},
        {"oedem", "edem"},
        {"oestr", "estr"},
        {"foet", "fet"},
        {"isation", "ization"},
        {"tumour", "tumor"},
        {"behaviour", "behavior"},
        {"colour", "color"},
        {"odour", "odor"},
        {"centre", "center"},
        {"litre", "liter"},
        {"ischaem", "ischem"},
        {"coeliac", "celiac"},
    };

    private TextNormalizer() {}

    public static String basic(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String unaccented =
                MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_ALNUM
                .matcher(unaccented.toLowerCase(Locale.ROOT))
                .replaceAll(" ")
                .strip();
    }

    public static String forMatching(String text) {
        String basic = basic(text);
        if (basic.isEmpty()) {
            return basic;
        }
        String[] words = basic.split(" ");
        StringBuilder out = new StringBuilder(basic.length());
        for (String word : words) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(singular(american(word)));
        }
        return out.toString();
    }

    private static String american(String word) {
        String w = word;
        for (String[] rule : SPELLING) {
            if (w.contains(rule[0])) {
                w = w.replace(rule[0], rule[1]);
            }
        }
        return w;
    }

    private static String singular(String word) {
        if (word.length() > 3
                && word.endsWith("s")
                && !word.endsWith("ss")
                && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
