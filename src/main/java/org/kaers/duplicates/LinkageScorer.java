package org.kaers.duplicates;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.DoubleStream;

/**
 * Fellegi-Sunter record linkage in the manner of UMC's vigiMatch, the one place its weights live. For each
 * field: agreement adds log2(m/u), where m is the chance that a true duplicate agrees and u the chance that
 * two unrelated cases agree (the value's share among cases, so rarer values weigh more); disagreement adds
 * log2((1-m)/(1-u)); a missing value adds nothing. Age and onset score by distance. Products and reactions
 * count their rarest shared values (reactions the two rarest, a partial correction for correlated terms).
 * Two cases with the same reporting-centre reference are near-certain duplicates.
 */
final class LinkageScorer {

    /** A reference quoted by both cases: near-certain whatever else differs. */
    static final double SAME_REFERENCE = 30.0;

    private LinkageScorer() {}

    static LinkageScore score(CaseFeatures a, CaseFeatures b, Frequencies f) {
        Parts parts = parts(a, b, f);
        return new LinkageScore(parts.total(), parts.list());
    }

    /**
     * The pair's total weight alone, exactly {@code score(a, b, f).total()} (the same parts summed the same way),
     * without the list of parts: screening weighs every candidate and keeps the parts only of those it queues.
     */
    static double total(CaseFeatures a, CaseFeatures b, Frequencies f) {
        return parts(a, b, f).total();
    }

    private static Parts parts(CaseFeatures a, CaseFeatures b, Frequencies f) {
        Parts parts = new Parts();
        reference(a, b, parts);
        age(a, b, parts);
        categorical(LinkageField.SEX, a.sex(), b.sex(), 0.95, f, parts);
        onset(a, b, f, parts);
        categorical(LinkageField.COUNTRY, a.country(), b.country(), 0.95, f, parts);
        sets(LinkageField.PRODUCTS, a.products(), b.products(), 0.85, 1, f, parts);
        sets(LinkageField.VENDOR, a.vendors(), b.vendors(), 0.8, 1, f, parts);
        sets(LinkageField.LOT, a.lots(), b.lots(), 0.8, 1, f, parts);
        sets(LinkageField.REACTIONS, a.reactions(), b.reactions(), 0.85, 2, f, parts);
        correlated(parts);
        return parts;
    }

    /**
     * A pair's parts in the order they are scored, each weight rounded; arrays rather than a list of records, as
     * screening weighs hundreds of candidates per case (issue 16).
     */
    private static final class Parts {
        private static final int FIELDS = LinkageField.values().length;
        final LinkageField[] fields = new LinkageField[FIELDS];
        final String[] outcomes = new String[FIELDS];
        final double[] weights = new double[FIELDS];
        int size;

        void add(LinkageField field, String outcome, double weight) {
            fields[size] = field;
            outcomes[size] = outcome;
            weights[size] = round(weight);
            size++;
        }

        boolean agrees(LinkageField field) {
            for (int i = 0; i < size; i++) {
                if (fields[i] == field && "AGREE".equals(outcomes[i])) {
                    return true;
                }
            }
            return false;
        }

        double total() {
            return round(Arrays.stream(weights, 0, size).sum());
        }

        List<LinkageScore.FieldWeight> list() {
            List<LinkageScore.FieldWeight> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(new LinkageScore.FieldWeight(fields[i], outcomes[i], weights[i]));
            }
            return list;
        }
    }

    /**
     * Product, vendor and lot are not independent: a lot names one vendor's product, and a vendor sells few
     * products. Agreement on the narrower field makes agreement on the broader ones nearly certain among
     * unrelated cases too (people poisoned by the same batch), so the broader fields add nothing then.
     */
    private static void correlated(Parts parts) {
        boolean lot = parts.agrees(LinkageField.LOT);
        boolean vendor = parts.agrees(LinkageField.VENDOR);
        for (int i = 0; i < parts.size; i++) {
            LinkageField field = parts.fields[i];
            boolean implied =
                    (field == LinkageField.VENDOR && lot) || (field == LinkageField.PRODUCTS && (lot || vendor));
            if (implied && "AGREE".equals(parts.outcomes[i])) {
                parts.outcomes[i] = "IMPLIED";
                parts.weights[i] = round(0);
            }
        }
    }

    private static void reference(CaseFeatures a, CaseFeatures b, Parts parts) {
        String ra = CaseFeatures.normaliseReference(a.centreReference());
        String rb = ra == null ? null : CaseFeatures.normaliseReference(b.centreReference());
        if (ra == null || rb == null) {
            parts.add(LinkageField.CENTRE_REFERENCE, "MISSING", 0);
        } else if (ra.equals(rb)) {
            parts.add(LinkageField.CENTRE_REFERENCE, "AGREE", SAME_REFERENCE);
        } else {
            // two centres may each report the same patient: a small penalty only
            parts.add(LinkageField.CENTRE_REFERENCE, "DISAGREE", -1.0);
        }
    }

    private static void age(CaseFeatures a, CaseFeatures b, Parts parts) {
        if (a.ageYears() == null || b.ageYears() == null) {
            parts.add(LinkageField.AGE, "MISSING", 0);
            return;
        }
        double d = Math.abs(a.ageYears() - b.ageYears());
        // u: the chance that two unrelated adults' ages are within 1 (about 4 %) or 3 years (about 11 %)
        if (d <= 1) {
            parts.add(LinkageField.AGE, "AGREE", log2(0.85 / 0.04));
        } else if (d <= 3) {
            parts.add(LinkageField.AGE, "NEAR", log2(0.10 / 0.07));
        } else {
            parts.add(LinkageField.AGE, "DISAGREE", log2(0.05 / 0.89));
        }
    }

    private static void onset(CaseFeatures a, CaseFeatures b, Frequencies f, Parts parts) {
        if (a.onset() == null || b.onset() == null) {
            parts.add(LinkageField.ONSET_DATE, "MISSING", 0);
            return;
        }
        long d = Math.abs(ChronoUnit.DAYS.between(a.onset(), b.onset()));
        double span = Math.max(f.onsetSpanDays(), 365);
        if (d == 0) {
            parts.add(LinkageField.ONSET_DATE, "AGREE", log2(0.65 / (1 / span)));
        } else if (d <= 1) {
            parts.add(LinkageField.ONSET_DATE, "NEAR", log2(0.2 / (2 / span)));
        } else if (d <= 7) {
            parts.add(LinkageField.ONSET_DATE, "NEAR", log2(0.1 / (12 / span)));
        } else {
            parts.add(LinkageField.ONSET_DATE, "DISAGREE", log2(0.05 / (1 - 15 / span)));
        }
    }

    private static void categorical(LinkageField field, String a, String b, double m, Frequencies f, Parts parts) {
        if (a == null || b == null) {
            parts.add(field, "MISSING", 0);
            return;
        }
        double u = clamp(f.share(field, a));
        if (a.equals(b)) {
            parts.add(field, "AGREE", log2(m / u));
        } else {
            parts.add(field, "DISAGREE", log2((1 - m) / (1 - u)));
        }
    }

    private static void sets(
            LinkageField field, Set<String> a, Set<String> b, double m, int count, Frequencies f, Parts parts) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            parts.add(field, "MISSING", 0);
            return;
        }
        // the rarest shared values (the smallest shares), at most count of them, rarest first
        double rarest = Double.NaN;
        double second = Double.NaN;
        int shared = 0;
        for (String v : a) {
            if (b.contains(v)) {
                double u = clamp(f.share(field, v));
                if (shared == 0 || u < rarest) {
                    second = rarest;
                    rarest = u;
                } else if (shared == 1 || u < second) {
                    second = u;
                }
                shared++;
            }
        }
        if (shared == 0) {
            double[] shares = new double[a.size()];
            int i = 0;
            for (String v : a) {
                shares[i++] = f.share(field, v);
            }
            double u = clamp(Arrays.stream(shares).sum());
            parts.add(field, "DISAGREE", log2((1 - m) / (1 - Math.min(u, 0.9))));
            return;
        }
        double w = count >= 2 && shared >= 2
                ? DoubleStream.of(Math.max(log2(m / rarest), 0), Math.max(log2(m / second), 0))
                        .sum()
                : DoubleStream.of(Math.max(log2(m / rarest), 0)).sum();
        if (field == LinkageField.REACTIONS) {
            // a duplicate repeats most terms: each term of the shorter list the other lacks counts against
            Set<String> shorter = a.size() <= b.size() ? a : b;
            Set<String> other = shorter == a ? b : a;
            long unmatched = 0;
            for (String t : shorter) {
                if (!other.contains(t)) {
                    unmatched++;
                }
            }
            w += unmatched * log2(0.3 / 0.95);
        }
        parts.add(field, "AGREE", w);
    }

    private static double clamp(double u) {
        return Math.min(Math.max(u, 1e-6), 0.999);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
