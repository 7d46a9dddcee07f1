package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaers.common.ApiProblem;
import org.kaers.common.Violation;
import org.kaers.statistics.disclosure.Disclosure;
import org.kaers.statistics.model.ReadSide;

/**
 * Where the disclosure model ({@link Disclosure}) is applied to counted cases, for every statistics and signals
 * read: each group, missing count and total becomes its released value; groups released as 0 are not listed;
 * groups are ordered by released value, then key (never by true count); free texts held by fewer than
 * {@link Disclosure#freeTextMinimumCases()} cases are neither listed nor accepted as filters; uncurated products
 * that few cases name are labelled by id. Exact callers (reviewers, administrators) get the tally unchanged.
 */
@ApplicationScoped
class Release {

    static final Comparator<Tally.Row> RELEASED_ORDER =
            Comparator.comparingLong(Tally.Row::n).reversed().thenComparing(r -> String.join("\u0000", r.keys()));

    private final Disclosure disclosure;
    private final AggregateCounts aggregates;
    private final EntityManager em;

    Release(Disclosure disclosure, AggregateCounts aggregates, @ReadSide EntityManager em) {
        this.disclosure = disclosure;
        this.aggregates = aggregates;
        this.em = em;
    }

    boolean exact() {
        return disclosure.exact();
    }

    Disclosure disclosure() {
        return disclosure;
    }

    /** The released value of one cell. */
    long cell(long n, long keySum) {
        return disclosure.release(n, keySum);
    }

    /** The tally as released to the caller (key sums kept for callers that derive further cells). */
    Tally tally(Tally t, List<Dimension> by) {
        if (exact()) {
            return t;
        }
        List<Set<String>> frequent = new ArrayList<>();
        for (int d = 0; d < by.size(); d++) {
            int dim = d;
            frequent.add(
                    Disclosure.kind(by.get(d)) != Disclosure.ValueKind.FREE_TEXT
                            ? null
                            : aggregates.frequent(
                                    by.get(d),
                                    t.rows().stream()
                                            .map(r -> r.keys().get(dim))
                                            .distinct()
                                            .toList(),
                                    disclosure.freeTextMinimumCases()));
        }
        List<Tally.Row> rows = new ArrayList<>();
        for (Tally.Row r : t.rows()) {
            boolean rare = false;
            for (int d = 0; d < by.size(); d++) {
                rare |= frequent.get(d) != null
                        && !frequent.get(d).contains(r.keys().get(d));
            }
            long released = cell(r.n(), r.k());
            if (!rare && released > 0) {
                rows.add(new Tally.Row(r.keys(), r.labels(), released, r.k()));
            }
        }
        rows.sort(RELEASED_ORDER);
        long[] missing = new long[t.missing().length];
        for (int d = 0; d < missing.length; d++) {
            missing[d] = cell(t.missing()[d], t.missingKeys()[d]);
        }
        return new Tally(
                maskUncurated(rows, by), missing, cell(t.total(), t.totalKey()), t.missingKeys(), t.totalKey());
    }

    /**
     * A page of published rows (already released values, see {@link AggregateCounts#publishedCross}) as released
     * to the caller: its missing counts and total released as cells, uncurated products labelled by id.
     */
    Tally published(Tally page, List<Dimension> by) {
        long[] missing = new long[page.missing().length];
        for (int d = 0; d < missing.length; d++) {
            missing[d] = cell(page.missing()[d], page.missingKeys()[d]);
        }
        return new Tally(
                maskUncurated(page.rows(), by),
                missing,
                cell(page.total(), page.totalKey()),
                page.missingKeys(),
                page.totalKey());
    }

    /**
     * A reviewer has not curated these products yet: their names are a reporter's text, so they go by id unless
     * enough cases name them (as free text).
     */
    private List<Tally.Row> maskUncurated(List<Tally.Row> rows, List<Dimension> by) {
        int d = by.indexOf(Dimension.PRODUCT);
        if (d < 0 || rows.isEmpty()) {
            return rows;
        }
        Set<String> uncurated =
                uncurated(rows.stream().map(r -> r.keys().get(d)).distinct().toList());
        List<Tally.Row> out = new ArrayList<>(rows.size());
        for (Tally.Row r : rows) {
            if (uncurated.contains(r.keys().get(d))) {
                List<String> labels = new ArrayList<>(r.labels());
                labels.set(d, uncuratedLabel(r.keys().get(d)));
                out.add(new Tally.Row(r.keys(), labels, r.n(), r.k()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** The label of an uncurated product for a researcher. */
    static String uncuratedLabel(String id) {
        return "uncurated product " + id;
    }

    /** Of these product ids, the uncurated ones named by too few cases to show their name (none for exact callers). */
    Set<String> uncurated(List<String> ids) {
        if (exact() || ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery(
                        "select p.id::text from product p left join " + disclosure.cells() + " c on c.a = '*'"
                                + " and c.b = 'product=' || p.id and c.period = 0 where not p.curated"
                                + " and p.id = any (cast(string_to_array(:ids, ',') as bigint[])) and coalesce(c.n, 0) < :minimum")
                .setParameter("ids", String.join(",", ids))
                .setParameter("minimum", disclosure.freeTextMinimumCases())
                .getResultList();
        return new HashSet<>(found);
    }

    /**
     * A filter on a free text that fewer than the minimum cases hold would tell whether such a case exists: it is
     * refused, the same way whether the text occurs in no case or in a few.
     */
    void checkFilters(Map<Dimension, List<String>> filters) {
        if (exact()) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        filters.forEach((d, values) -> {
            if (Disclosure.kind(d) == Disclosure.ValueKind.FREE_TEXT) {
                Set<String> frequent = aggregates.frequent(d, values, disclosure.freeTextMinimumCases());
                for (String v : values) {
                    if (!frequent.contains(v)) {
                        violations.add(new Violation(
                                d.code(),
                                "query",
                                "a free text is accepted as a filter only when it " + "occurs in at least "
                                        + disclosure.freeTextMinimumCases() + " cases"));
                        break;
                    }
                }
            }
        });
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }
}
