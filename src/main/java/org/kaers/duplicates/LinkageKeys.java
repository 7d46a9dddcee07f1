package org.kaers.duplicates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The one definition of what the linkage index ({@link LinkageIndex}, V73) keeps of a case and how a case finds its
 * candidates there (blocking). Stored keys: one {@code CASE} key per case (its count is the number of indexed
 * cases), the counted values ({@code SEX}, {@code COUNTRY}, {@code PRODUCTS}, {@code VENDOR}, {@code LOT},
 * {@code REACTIONS}: their counts are the Fellegi-Sunter shares), {@code CENTRE_REFERENCE} (normalised),
 * {@code ONSET_DATE} (the spread of onsets) and the block {@code ONSET_SEX} (onset date and sex, {@code -} when
 * the sex is not known). A case's candidates are the indexed cases sharing a probe with it: its centre reference,
 * a lot, an onset within a day with a compatible sex (an unknown sex is compatible with any), or a product or
 * vendor that at most {@link #RARE} cases have (a common one blocks nothing: its block would grow with the data).
 */
final class LinkageKeys {

    /** A key: a field and a value (both compared exactly). */
    record Key(String field, String value) {}

    static final String CASE = "CASE";
    static final String ONSET_SEX = "ONSET_SEX";
    /** A product or vendor had by at most this many indexed cases is a blocking key. */
    static final long RARE = 50;

    private static final List<String> SEXES = List.of("FEMALE", "MALE", "-");

    private LinkageKeys() {}

    /** The keys the index keeps of a case. */
    static Set<Key> of(CaseFeatures c) {
        Set<Key> keys = new LinkedHashSet<>();
        keys.add(new Key(CASE, ""));
        add(keys, LinkageField.SEX.name(), c.sex());
        add(keys, LinkageField.COUNTRY.name(), c.country());
        add(keys, LinkageField.CENTRE_REFERENCE.name(), CaseFeatures.normaliseReference(c.centreReference()));
        if (c.onset() != null) {
            keys.add(new Key(LinkageField.ONSET_DATE.name(), c.onset().toString()));
            keys.add(new Key(ONSET_SEX, c.onset() + "|" + sexKey(c.sex())));
        }
        c.products().forEach(v -> add(keys, LinkageField.PRODUCTS.name(), v));
        c.vendors().forEach(v -> add(keys, LinkageField.VENDOR.name(), v));
        c.lots().forEach(v -> add(keys, LinkageField.LOT.name(), v));
        c.reactions().forEach(v -> add(keys, LinkageField.REACTIONS.name(), v));
        return keys;
    }

    /**
     * The keys that find a case's candidates; {@code count}: how many indexed cases have a key (products and
     * vendors block only when rare).
     */
    static Set<Key> probes(CaseFeatures c, ToLongFunction<Key> count) {
        Set<Key> probes = new LinkedHashSet<>();
        add(probes, LinkageField.CENTRE_REFERENCE.name(), CaseFeatures.normaliseReference(c.centreReference()));
        c.lots().forEach(v -> add(probes, LinkageField.LOT.name(), v));
        if (c.onset() != null) {
            String sex = sexKey(c.sex());
            List<String> compatible = "-".equals(sex) ? SEXES : List.of(sex, "-");
            for (int d = -1; d <= 1; d++) {
                for (String s : compatible) {
                    probes.add(new Key(ONSET_SEX, c.onset().plusDays(d) + "|" + s));
                }
            }
        }
        List<Key> rare = new ArrayList<>();
        c.products().forEach(v -> rare.add(new Key(LinkageField.PRODUCTS.name(), v)));
        c.vendors().forEach(v -> rare.add(new Key(LinkageField.VENDOR.name(), v)));
        rare.stream().filter(k -> count.applyAsLong(k) <= RARE).forEach(probes::add);
        return probes;
    }

    private static String sexKey(String sex) {
        return "FEMALE".equals(sex) || "MALE".equals(sex) ? sex : "-";
    }

    private static void add(Set<Key> keys, String field, String value) {
        if (value != null && !value.isEmpty()) {
            keys.add(new Key(field, value));
        }
    }
}
