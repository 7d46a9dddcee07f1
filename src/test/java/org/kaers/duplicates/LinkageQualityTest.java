package org.kaers.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the linkage score on a labelled synthetic set built to look like real duplicates:
 * the same case reported by a clinician and by a poison centre (product names the coder could not match,
 * a missing age, an onset a day apart, terms dropped or added, a vendor left out) among unrelated cases and
 * among hard non-pairs: different patients exposed to the same product, vendor and lot in the same week.
 * Frequencies follow the long tails of DOMAIN.md (Zipf-like products and terms). Prints the figures.
 */
class LinkageQualityTest {

    static final double THRESHOLD = DuplicateService.THRESHOLD;

    record Labelled(List<CaseFeatures> cases, Set<Long> truePairs) {}

    @Test
    void precisionAndRecallAmongUnrelatedCases() {
        Labelled set = generate(new Random(20261201L), 600, 100, 0);
        double[] pr = measure("duplicates among unrelated cases", set, false);
        assertThat(pr[0]).as("precision at the threshold").isGreaterThanOrEqualTo(0.90);
        assertThat(pr[1]).as("recall at the threshold").isGreaterThanOrEqualTo(0.88);
        double[] blocked = measure("the same, pairs found by blocking only", set, true);
        assertThat(blocked[0]).as("precision at the threshold, blocked").isGreaterThanOrEqualTo(0.90);
        assertThat(blocked[1]).as("recall at the threshold, blocked").isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void precisionAndRecallWithClustersOfLookalikes() {
        Labelled set = generate(new Random(20261201L), 600, 100, 60);
        double[] pr = measure("with 60 lookalikes (same product, vendor and lot within days)", set, false);
        assertThat(pr[0]).as("precision at the threshold").isGreaterThanOrEqualTo(0.75);
        assertThat(pr[1]).as("recall at the threshold").isGreaterThanOrEqualTo(0.88);
        double[] blocked = measure("the same, pairs found by blocking only", set, true);
        assertThat(blocked[0]).as("precision at the threshold, blocked").isGreaterThanOrEqualTo(0.75);
        assertThat(blocked[1]).as("recall at the threshold, blocked").isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void blockingFindsKnownPairsAndLeavesCommonValuesOut() {
        LocalDate onset = LocalDate.of(2026, 3, 14);
        CaseFeatures clinician = new CaseFeatures(
                1, "A", 34.0, "MALE", "US", onset, Set.of("P17"), Set.of("acme"), Set.of(), Set.of("T3"), null);
        CaseFeatures dayLaterNoSex = new CaseFeatures(
                2, "B", null, null, "US", onset.plusDays(1), Set.of("P99"), Set.of(), Set.of(), Set.of("T3"), null);
        CaseFeatures otherSex = new CaseFeatures(
                3, "C", 34.0, "FEMALE", "US", onset, Set.of("P98"), Set.of(), Set.of(), Set.of("T3"), null);
        CaseFeatures twoDaysLater = new CaseFeatures(
                4, "D", 34.0, "MALE", "US", onset.plusDays(2), Set.of("P97"), Set.of(), Set.of(), Set.of("T3"), null);
        CaseFeatures sameRareProduct =
                new CaseFeatures(5, "E", null, "FEMALE", "GB", null, Set.of("P17"), Set.of(), Set.of(), Set.of(), null);
        CaseFeatures quoting =
                new CaseFeatures(6, "F", null, null, null, null, Set.of("P96"), Set.of(), Set.of(), Set.of(), "pc 1");
        CaseFeatures quoted =
                new CaseFeatures(7, "G", null, null, null, null, Set.of("P95"), Set.of(), Set.of(), Set.of(), "PC-1");
        java.util.function.ToLongFunction<LinkageKeys.Key> rare = k -> 1;
        assertThat(blocked(clinician, dayLaterNoSex, rare)).isTrue();
        assertThat(blocked(clinician, otherSex, rare)).isFalse();
        assertThat(blocked(clinician, twoDaysLater, rare)).isFalse();
        assertThat(blocked(clinician, sameRareProduct, rare)).isTrue();
        assertThat(blocked(clinician, sameRareProduct, k -> LinkageKeys.RARE + 1))
                .as("a common product blocks nothing")
                .isFalse();
        assertThat(blocked(quoting, quoted, rare)).isTrue();
    }

    /** Whether the later of two cases finds the earlier among its candidates (blocking is symmetric). */
    private static boolean blocked(
            CaseFeatures a, CaseFeatures b, java.util.function.ToLongFunction<LinkageKeys.Key> count) {
        Set<LinkageKeys.Key> keys = LinkageKeys.of(b);
        return LinkageKeys.probes(a, count).stream().anyMatch(keys::contains);
    }

    /**
     * Scores every pair (or, {@code blocked}, only the pairs the service's blocking finds: the others count as
     * missed); prints precision and recall at several thresholds; returns them at the service's.
     */
    private static double[] measure(String name, Labelled set, boolean blocked) {
        Frequencies f = frequencies(set.cases());
        Map<LinkageKeys.Key, Long> keyCounts = new HashMap<>();
        List<Set<LinkageKeys.Key>> keys = new ArrayList<>();
        for (CaseFeatures c : set.cases()) {
            Set<LinkageKeys.Key> k = LinkageKeys.of(c);
            keys.add(k);
            k.forEach(key -> keyCounts.merge(key, 1L, Long::sum));
        }
        List<Set<LinkageKeys.Key>> probes = set.cases().stream()
                .map(c -> LinkageKeys.probes(c, k -> keyCounts.getOrDefault(k, 0L)))
                .toList();
        int tp = 0;
        int fp = 0;
        Map<Double, int[]> byThreshold = new java.util.TreeMap<>();
        for (double t : new double[] {8, 10, 12, THRESHOLD, 16, 20}) {
            byThreshold.put(t, new int[2]);
        }
        List<CaseFeatures> cases = set.cases();
        long scoredPairs = 0;
        for (int i = 0; i < cases.size(); i++) {
            for (int j = i + 1; j < cases.size(); j++) {
                if (blocked && probes.get(j).stream().noneMatch(keys.get(i)::contains)) {
                    continue;
                }
                scoredPairs++;
                double score =
                        LinkageScorer.score(cases.get(i), cases.get(j), f).total();
                boolean duplicate = set.truePairs()
                        .contains(key(cases.get(i).id(), cases.get(j).id()));
                for (Map.Entry<Double, int[]> e : byThreshold.entrySet()) {
                    if (score >= e.getKey()) {
                        e.getValue()[duplicate ? 0 : 1]++;
                    }
                }
            }
        }
        int pairs = set.truePairs().size();
        System.out.printf(
                "linkage, %s: %d cases, %d true duplicate pairs, %d pairs scored%n",
                name, cases.size(), pairs, scoredPairs);
        for (Map.Entry<Double, int[]> e : byThreshold.entrySet()) {
            int t = e.getValue()[0];
            int fa = e.getValue()[1];
            System.out.printf(
                    "  threshold %5.1f: precision %.3f, recall %.3f (tp %d, fp %d)%n",
                    e.getKey(), t + fa == 0 ? 1.0 : (double) t / (t + fa), (double) t / pairs, t, fa);
            if (e.getKey() == THRESHOLD) {
                tp = t;
                fp = fa;
            }
        }
        return new double[] {(double) tp / (tp + fp), (double) tp / pairs};
    }

    @Test
    void knownPairsAndNonPairs() {
        Labelled set = generate(new Random(7), 300, 0, 0);
        Frequencies f = frequencies(set.cases());
        LocalDate onset = LocalDate.of(2026, 3, 14);
        CaseFeatures clinician = new CaseFeatures(
                1,
                "A",
                34.0,
                "MALE",
                "US",
                onset,
                Set.of("P17"),
                Set.of("acmebotanicals"),
                Set.of("L202601"),
                Set.of("T3", "T41"),
                null);
        // the poison centre's report of the same case: age missing, onset a day later, one term fewer
        CaseFeatures centre = new CaseFeatures(
                2,
                "B",
                null,
                "MALE",
                "US",
                onset.plusDays(1),
                Set.of("P17"),
                Set.of("acmebotanicals"),
                Set.of(),
                Set.of("T41"),
                "NYC-PCC-1");
        // another patient with the same product and lot, the same week
        CaseFeatures neighbour = new CaseFeatures(
                3,
                "C",
                61.0,
                "FEMALE",
                "US",
                onset.plusDays(3),
                Set.of("P17"),
                Set.of("acmebotanicals"),
                Set.of("L202601"),
                Set.of("T9"),
                null);
        CaseFeatures quoting = new CaseFeatures(
                4, "D", 70.0, "FEMALE", "GB", null, Set.of("P1"), Set.of(), Set.of(), Set.of("T1"), "nyc pcc 1");
        assertThat(LinkageScorer.score(clinician, centre, f).total()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(LinkageScorer.score(clinician, neighbour, f).total()).isLessThan(THRESHOLD);
        assertThat(LinkageScorer.score(centre, quoting, f).total())
                .isGreaterThanOrEqualTo(LinkageScorer.SAME_REFERENCE - 10);
        LinkageScore identical = LinkageScorer.score(clinician, clinician, f);
        assertThat(identical.total())
                .isGreaterThan(LinkageScorer.score(clinician, centre, f).total());
        assertThat(identical.fields())
                .extracting(LinkageScore.FieldWeight::outcome)
                .doesNotContain("DISAGREE");
    }

    @Test
    void rarerAgreementsWeighMore() {
        Labelled set = generate(new Random(11), 400, 0, 0);
        Frequencies f = frequencies(set.cases());
        CaseFeatures a =
                new CaseFeatures(1, "A", null, null, null, null, Set.of("P1"), Set.of(), Set.of(), Set.of(), null);
        CaseFeatures b =
                new CaseFeatures(2, "B", null, null, null, null, Set.of("P1"), Set.of(), Set.of(), Set.of(), null);
        CaseFeatures c =
                new CaseFeatures(3, "C", null, null, null, null, Set.of("P39"), Set.of(), Set.of(), Set.of(), null);
        CaseFeatures d =
                new CaseFeatures(4, "D", null, null, null, null, Set.of("P39"), Set.of(), Set.of(), Set.of(), null);
        assertThat(f.share(LinkageField.PRODUCTS, "P1")).isGreaterThan(f.share(LinkageField.PRODUCTS, "P39"));
        assertThat(LinkageScorer.score(c, d, f).total())
                .isGreaterThan(LinkageScorer.score(a, b, f).total());
        CaseFeatures missing =
                new CaseFeatures(5, "E", null, null, null, null, Set.of(), Set.of(), Set.of(), Set.of(), null);
        assertThat(LinkageScorer.score(a, missing, f).total()).isZero();
    }

    // ---- the synthetic set ------------------------------------------------------------------------------

    static Labelled generate(Random r, int base, int duplicates, int lookalikes) {
        List<CaseFeatures> cases = new ArrayList<>();
        Set<Long> pairs = new HashSet<>();
        LocalDate start = LocalDate.of(2023, 1, 1);
        long id = 1;
        for (int i = 0; i < base; i++) {
            cases.add(new CaseFeatures(
                    id,
                    "K" + id,
                    r.nextDouble() < 0.6 ? (double) (18 + r.nextInt(53)) : null,
                    sex(r),
                    country(r),
                    r.nextDouble() < 0.9 ? start.plusDays(r.nextInt(1095)) : null,
                    Set.of("P" + zipf(r, 200)),
                    r.nextDouble() < 0.7 ? Set.of("v" + zipf(r, 80)) : Set.of(),
                    Set.of(),
                    terms(r),
                    r.nextDouble() < 0.3 ? "PC-" + id : null));
            id++;
        }
        // lots for about a third, shared within a vendor's few batches
        for (int i = 0; i < cases.size(); i++) {
            CaseFeatures c = cases.get(i);
            if (!c.vendors().isEmpty() && r.nextDouble() < 0.45) {
                cases.set(i, with(c, c.vendors().iterator().next().toUpperCase() + "L" + (1 + r.nextInt(25))));
            }
        }
        for (int i = 0; i < duplicates; i++) {
            CaseFeatures b = cases.get(r.nextInt(base));
            Double age = b.ageYears() == null || r.nextDouble() < 0.3
                    ? null
                    : b.ageYears() + (r.nextDouble() < 0.15 ? (r.nextBoolean() ? 1 : -1) : 0);
            LocalDate onset = b.onset() == null || r.nextDouble() < 0.1
                    ? null
                    : b.onset().plusDays(r.nextDouble() < 0.33 ? (r.nextBoolean() ? 1 : -1) : 0);
            Set<String> products = new LinkedHashSet<>();
            for (String p : b.products()) {
                products.add(r.nextDouble() < 0.85 ? p : "X" + r.nextInt(1_000_000)); // a spelling the coder missed
            }
            if (r.nextDouble() < 0.2) {
                products.add("P" + zipf(r, 200));
            }
            Set<String> terms = new LinkedHashSet<>();
            for (String t : b.reactions()) {
                if (r.nextDouble() < 0.75) {
                    terms.add(t);
                }
            }
            if (terms.isEmpty() || r.nextDouble() < 0.3) {
                terms.add("T" + zipf(r, 300));
            }
            String reference = b.centreReference() != null && r.nextDouble() < 0.25
                    ? b.centreReference()
                    : b.centreReference() == null && r.nextDouble() < 0.3 ? "PC-" + id : null;
            CaseFeatures d = new CaseFeatures(
                    id,
                    "K" + id,
                    age,
                    b.sex() == null || r.nextDouble() < 0.05 ? null : b.sex(),
                    r.nextDouble() < 0.95 ? b.country() : null,
                    onset,
                    products,
                    r.nextDouble() < 0.6 ? b.vendors() : Set.of(),
                    r.nextDouble() < 0.5 ? b.lots() : Set.of(),
                    terms,
                    reference);
            cases.add(d);
            pairs.add(key(b.id(), d.id()));
            id++;
        }
        for (int i = 0; i < lookalikes; i++) {
            CaseFeatures b = cases.get(r.nextInt(base));
            Set<String> terms = new LinkedHashSet<>(terms(r));
            if (r.nextBoolean() && !b.reactions().isEmpty()) {
                terms.add(b.reactions().iterator().next());
            }
            cases.add(new CaseFeatures(
                    id,
                    "K" + id,
                    r.nextDouble() < 0.6 ? (double) (18 + r.nextInt(53)) : null,
                    sex(r),
                    b.country(),
                    b.onset() == null ? null : b.onset().plusDays(r.nextInt(6)),
                    b.products(),
                    b.vendors(),
                    b.lots(),
                    terms,
                    null));
            id++;
        }
        return new Labelled(cases, pairs);
    }

    private static CaseFeatures with(CaseFeatures c, String lot) {
        return new CaseFeatures(
                c.id(),
                c.caseNumber(),
                c.ageYears(),
                c.sex(),
                c.country(),
                c.onset(),
                c.products(),
                c.vendors(),
                Set.of(lot),
                c.reactions(),
                c.centreReference());
    }

    private static String sex(Random r) {
        double x = r.nextDouble();
        return x < 0.62 ? "MALE" : x < 0.95 ? "FEMALE" : null;
    }

    private static String country(Random r) {
        double x = r.nextDouble();
        return x < 0.92 ? "US" : x < 0.95 ? "CA" : x < 0.97 ? "GB" : "AU";
    }

    private static Set<String> terms(Random r) {
        Set<String> terms = new LinkedHashSet<>();
        int n = 1 + r.nextInt(4);
        while (terms.size() < n) {
            terms.add("T" + zipf(r, 300));
        }
        return terms;
    }

    /** 1..n with probability proportional to 1/k. */
    private static int zipf(Random r, int n) {
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += 1.0 / k;
        }
        double x = r.nextDouble() * h;
        for (int k = 1; k <= n; k++) {
            x -= 1.0 / k;
            if (x <= 0) {
                return k;
            }
        }
        return n;
    }

    static long key(long a, long b) {
        return Math.min(a, b) * 1_000_000L + Math.max(a, b);
    }

    /** Shares counted over the set itself, as the service counts them over the stored cases. */
    static Frequencies frequencies(List<CaseFeatures> cases) {
        Map<String, Integer> counts = new HashMap<>();
        for (CaseFeatures c : cases) {
            count(counts, LinkageField.SEX, c.sex() == null ? Set.of() : Set.of(c.sex()));
            count(counts, LinkageField.COUNTRY, c.country() == null ? Set.of() : Set.of(c.country()));
            count(counts, LinkageField.PRODUCTS, c.products());
            count(counts, LinkageField.VENDOR, c.vendors());
            count(counts, LinkageField.LOT, c.lots());
            count(counts, LinkageField.REACTIONS, c.reactions());
        }
        int n = cases.size();
        return new Frequencies() {
            @Override
            public double share(LinkageField field, String value) {
                return (counts.getOrDefault(field + ":" + value, 0) + 1.0) / (n + 1.0);
            }

            @Override
            public double onsetSpanDays() {
                return 1095;
            }
        };
    }

    private static void count(Map<String, Integer> counts, LinkageField field, Set<String> values) {
        for (String v : values) {
            counts.merge(field + ":" + v, 1, Integer::sum);
        }
    }
}
