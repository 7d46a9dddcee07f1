package org.kaers.duplicates;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

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
        List<LinkageScore.FieldWeight> parts = new ArrayList<>();
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
        double total =
                parts.stream().mapToDouble(LinkageScore.FieldWeight::weight).sum();
        return new LinkageScore(round(total), parts);
    }

    /**
     * Product, vendor and lot are not independent: a lot names one vendor's product, and a vendor sells few
     * products. Agreement on the narrower field makes agreement on the broader ones nearly certain among
     * unrelated cases too (people poisoned by the same batch), so the broader fields add nothing then.
     */
    private static void correlated(List<LinkageScore.FieldWeight> parts) {
        boolean lot = agrees(parts, LinkageField.LOT);
        boolean vendor = agrees(parts, LinkageField.VENDOR);
        for (int i = 0; i < parts.size(); i++) {
            LinkageScore.FieldWeight p = parts.get(i);
            boolean implied = (p.field() == LinkageField.VENDOR && lot)
                    || (p.field() == LinkageField.PRODUCTS && (lot || vendor));
            if (implied && "AGREE".equals(p.outcome())) {
                parts.set(i, part(p.field(), "IMPLIED", 0));
            }
        }
    }

    private static boolean agrees(List<LinkageScore.FieldWeight> parts, LinkageField field) {
        return parts.stream().anyMatch(p -> p.field() == field && "AGREE".equals(p.outcome()));
    }

    private static void reference(CaseFeatures a, CaseFeatures b, List<LinkageScore.FieldWeight> parts) {
        String ra = CaseFeatures.normaliseReference(a.centreReference());
        String rb = CaseFeatures.normaliseReference(b.centreReference());
        if (ra == null || rb == null) {
            parts.add(part(LinkageField.CENTRE_REFERENCE, "MISSING", 0));
        } else if (ra.equals(rb)) {
            parts.add(part(LinkageField.CENTRE_REFERENCE, "AGREE", SAME_REFERENCE));
        } else {
            // two centres may each report the same patient: a small penalty only
            parts.add(part(LinkageField.CENTRE_REFERENCE, "DISAGREE", -1.0));
        }
    }

    private static void age(CaseFeatures a, CaseFeatures b, List<LinkageScore.FieldWeight> parts) {
        if (a.ageYears() == null || b.ageYears() == null) {
            parts.add(part(LinkageField.AGE, "MISSING", 0));
            return;
        }
        double d = Math.abs(a.ageYears() - b.ageYears());
        // u: the chance that two unrelated adults' ages are within 1 (about 4 %) or 3 years (about 11 %)
        if (d <= 1) {
            parts.add(part(LinkageField.AGE, "AGREE", log2(0.85 / 0.04)));
        } else if (d <= 3) {
            parts.add(part(LinkageField.AGE, "NEAR", log2(0.10 / 0.07)));
        } else {
            parts.add(part(LinkageField.AGE, "DISAGREE", log2(0.05 / 0.89)));
        }
    }

    private static void onset(CaseFeatures a, CaseFeatures b, Frequencies f, List<LinkageScore.FieldWeight> parts) {
        if (a.onset() == null || b.onset() == null) {
            parts.add(part(LinkageField.ONSET_DATE, "MISSING", 0));
            return;
        }
        long d = Math.abs(ChronoUnit.DAYS.between(a.onset(), b.onset()));
        double span = Math.max(f.onsetSpanDays(), 365);
        if (d == 0) {
            parts.add(part(LinkageField.ONSET_DATE, "AGREE", log2(0.65 / (1 / span))));
        } else if (d <= 1) {
            parts.add(part(LinkageField.ONSET_DATE, "NEAR", log2(0.2 / (2 / span))));
        } else if (d <= 7) {
            parts.add(part(LinkageField.ONSET_DATE, "NEAR", log2(0.1 / (12 / span))));
        } else {
            parts.add(part(LinkageField.ONSET_DATE, "DISAGREE", log2(0.05 / (1 - 15 / span))));
        }
    }

    private static void categorical(
            LinkageField field, String a, String b, double m, Frequencies f, List<LinkageScore.FieldWeight> parts) {
        if (a == null || b == null) {
            parts.add(part(field, "MISSING", 0));
            return;
        }
        double u = clamp(f.share(field, a));
        parts.add(a.equals(b) ? part(field, "AGREE", log2(m / u)) : part(field, "DISAGREE", log2((1 - m) / (1 - u))));
    }

    private static void sets(
            LinkageField field,
            Set<String> a,
            Set<String> b,
            double m,
            int count,
            Frequencies f,
            List<LinkageScore.FieldWeight> parts) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            parts.add(part(field, "MISSING", 0));
            return;
        }
        List<Double> shared = a.stream()
                .filter(b::contains)
                .map(v -> clamp(f.share(field, v)))
                .sorted(Comparator.naturalOrder())
                .limit(count)
                .toList();
        if (shared.isEmpty()) {
            double u = clamp(a.stream().mapToDouble(v -> f.share(field, v)).sum());
            parts.add(part(field, "DISAGREE", log2((1 - m) / (1 - Math.min(u, 0.9)))));
            return;
        }
        double w = shared.stream().mapToDouble(u -> Math.max(log2(m / u), 0)).sum();
        if (field == LinkageField.REACTIONS) {
            // a duplicate repeats most terms: each term of the shorter list the other lacks counts against
            Set<String> shorter = a.size() <= b.size() ? a : b;
            Set<String> other = shorter == a ? b : a;
            long unmatched = shorter.stream().filter(t -> !other.contains(t)).count();
            w += unmatched * log2(0.3 / 0.95);
        }
        parts.add(part(field, "AGREE", w));
    }

    private static LinkageScore.FieldWeight part(LinkageField field, String outcome, double weight) {
        return new LinkageScore.FieldWeight(field, outcome, round(weight));
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
