package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.statistics.model.ReadSide;

/**
 * Counts read from the maintained cells (see {@link AggregateStore}), when the cells can answer the request
 * exactly:
 * <ul>
 * <li>one dimension, with at most one filter: a filter on a case-level dimension (sex, serious, ...) may list
 * several values, a filter on a product- or reaction-level one a single value, and not on the dimension counted
 * by;</li>
 * <li>two dimensions, without filters;</li>
 * <li>a receipt-date range only when it covers whole months, and then only for one dimension without filters
 * (and receipt trends with the filter rule above).</li>
 * </ul>
 * Anything else is counted from the raw rows ({@link RawCounts}); {@code meta.answeredFrom} says which.
 */
@ApplicationScoped
class AggregateCounts {

    private final EntityManager em;
    private final org.kaers.statistics.disclosure.Disclosure disclosure;

    AggregateCounts(@ReadSide EntityManager em, org.kaers.statistics.disclosure.Disclosure disclosure) {
        this.em = em;
        this.disclosure = disclosure;
    }

    /** A statement over the cells the caller reads: the latest release's, or the live ones (Disclosure#cells). */
    private jakarta.persistence.Query query(String sql) {
        return em.createNativeQuery(sql.replace(" stats_cell ", " " + disclosure.cells() + " "));
    }

    /** The months (yyyymm, inclusive) a request's receipt range covers, or null when it is not whole months. */
    record Months(int from, int to) {
        static final Months ALL_TIME = new Months(0, 0);

        boolean allTime() {
            return from == 0 && to == 0;
        }
    }

    Optional<Tally> counts(CountRequest request) {
        List<String> anchor = anchor(request);
        Months months = months(request);
        if (anchor == null || months == null) {
            return Optional.empty();
        }
        if (request.by().size() == 1) {
            if (!months.allTime() && !anchor.equals(List.of(AggregateStore.ALL))) {
                return Optional.empty();
            }
            Dimension d = request.by().get(0);
            List<Tally.Row> rows = new ArrayList<>();
            long missing = 0;
            long missingKey = 0;
            for (Object[] r : values(anchor, d.code, months, label(d, "lx", "g.k"))) {
                String key = (String) r[0];
                long n = ((Number) r[2]).longValue();
                long k = ((Number) r[3]).longValue();
                if (key.isEmpty()) {
                    missing = n;
                    missingKey = k;
                } else {
                    List<String> labels = new ArrayList<>();
                    labels.add((String) r[1]);
                    rows.add(new Tally.Row(List.of(key), labels, n, k));
                }
            }
            long[] total = total(anchor, months);
            if (d.level == Dimension.Level.CASE && !anchor.equals(List.of(AggregateStore.ALL))) {
                // one value per case, and its missing value is never paired (AggregateStore.caseLevelEmpty)
                missing = total[0] - rows.stream().mapToLong(Tally.Row::n).sum();
                missingKey = total[1] - rows.stream().mapToLong(Tally.Row::k).sum();
            }
            return Optional.of(new Tally(rows, new long[] {missing}, total[0], new long[] {missingKey}, total[1]));
        }
        if (!months.allTime() || !anchor.equals(List.of(AggregateStore.ALL))) {
            return Optional.empty();
        }
        Dimension x = request.by().get(0);
        Dimension y = request.by().get(1);
        return Optional.of(x.level == y.level && x.level != Dimension.Level.CASE ? sameRowCross(x, y) : cross(x, y));
    }

    /** Cases per month of receipt or onset, when the cells can answer (see the class comment). */
    Optional<Tally.Monthly> monthly(CountRequest request, boolean onset) {
        List<String> anchor = anchor(request);
        Months months = months(request);
        if (anchor == null || months == null || (onset && !months.allTime())) {
            return Optional.empty();
        }
        List<Tally.Month> series = new ArrayList<>();
        long[] total = total(anchor, months);
        long missing = 0;
        long missingKey = 0;
        if (onset) {
            for (Object[] r : values(anchor, AggregateStore.ONSET, months, null)) {
                String key = (String) r[0];
                long n = ((Number) r[2]).longValue();
                long k = ((Number) r[3]).longValue();
                if (key.isEmpty()) {
                    missing = n;
                    missingKey = k;
                } else {
                    series.add(new Tally.Month(LocalDate.parse(key + "-01"), n, k));
                }
            }
            series.sort(java.util.Comparator.comparing(Tally.Month::start));
        } else {
            Map<String, Object> params = new HashMap<>();
            params.put("anchor", anchor);
            @SuppressWarnings("unchecked")
            List<Object[]> found = RawCounts.bind(
                            query("""
                    select c.period, sum(c.n), sum(c.k) from stats_cell c where c.a = '*' and c.b in (:anchor) and c.period > 0
                    and %s group by c.period having sum(c.n) > 0 order by c.period""".formatted(months.allTime() ? "true" : period(months))), bounds(params, months))
                    .getResultList();
            for (Object[] r : found) {
                int period = ((Number) r[0]).intValue();
                series.add(new Tally.Month(
                        LocalDate.of(period / 100, period % 100, 1),
                        ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue()));
            }
        }
        return Optional.of(new Tally.Monthly(series, missing, total[0], missingKey, total[1]));
    }

    /**
     * The values of one dimension among the cases with any of the anchor values (cases with different anchor
     * values are disjoint), as (key, label, cases, key sum), sorted by cases then key; key "" is the cases without one.
     */
    private List<Object[]> values(List<String> anchor, String code, Months months, String[] label) {
        Map<String, Object> params = new HashMap<>();
        params.put("anchor", anchor);
        params.put("lo", code + "=");
        params.put("hi", code + ">");
        params.put("skip", code.length() + 2);
        // The dimensions of both sides, for the index on (dimension of b, dimension of a, b, a, period) (V89):
        // the same rows as the ranges, which alone leave the planner only b's index.
        params.put("code", code);
        params.put(
                "anchorDims",
                anchor.stream().map(AggregateStore::dimensionOf).distinct().toList());
        String sql = """
                select g.k, %s, g.n, g.ks from (
                    select substr(x.o, :skip) as k, sum(x.n) as n, sum(x.k) as ks from (
                        select c.b as o, c.n, c.k from stats_cell c
                        where c.a in (:anchor) and c.b >= :lo and c.b < :hi and %s
                        union all
                        select c.a, c.n, c.k from stats_cell c
                        where c.b in (:anchor) and c.a >= :lo and c.a < :hi and %s
                        and split_part(c.b, '=', 1) in (:anchorDims) and split_part(c.a, '=', 1) = :code
                    ) x group by x.o having sum(x.n) > 0
                ) g %s order by g.n desc, g.k collate "C"
                """.formatted(
                label == null ? "null" : label[1], period(months), period(months), label == null ? "" : label[0]);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = RawCounts.bind(query(sql), bounds(params, months)).getResultList();
        return rows;
    }

    private Tally cross(Dimension x, Dimension y) {
        boolean xFirst = (x.code + "=").compareTo(y.code + "=") < 0;
        Dimension first = xFirst ? x : y;
        Dimension second = xFirst ? y : x;
        String[] l0 = label(x, "lx0", "g.k0");
        String[] l1 = label(y, "lx1", "g.k1");
        String kx = "substr(c." + (xFirst ? "a" : "b") + ", " + (x.code.length() + 2) + ")";
        String ky = "substr(c." + (xFirst ? "b" : "a") + ", " + (y.code.length() + 2) + ")";
        String sql = """
                select g.k0, %s, g.k1, %s, g.n, g.ks from (
                    select %s as k0, %s as k1, c.n, c.k as ks from stats_cell c
                    where split_part(c.a, '=', 1) = :first and split_part(c.b, '=', 1) = :second and c.period = 0
                    and c.a <> :firstEmpty and c.b <> :secondEmpty and c.n > 0
                ) g %s %s order by g.n desc, g.k0 collate "C", g.k1 collate "C"
                """.formatted(
                        l0 == null ? "null" : l0[1],
                        l1 == null ? "null" : l1[1],
                        kx,
                        ky,
                        l0 == null ? "" : l0[0],
                        l1 == null ? "" : l1[0]);
        @SuppressWarnings("unchecked")
        List<Object[]> found = query(sql)
                .setParameter("first", first.code)
                .setParameter("second", second.code)
                .setParameter("firstEmpty", first.code + "=")
                .setParameter("secondEmpty", second.code + "=")
                .getResultList();
        return tally(found, x, y);
    }

    /** One page of a cross as published in the latest release, with the number of groups over all pages. */
    record PublishedPage(Tally tally, long groups) {}

    /**
     * A page of a cross of two dimensions read from the published values of the latest release, for callers who
     * read it (researchers): the page's rows straight from the index in page order (released value, then keys),
     * their count from the release's table of groups, so that a first page does not read every pair. Only for
     * what needs nothing but the published value of each pair: no filters, all time, two dimensions that do not
     * cross within a row, neither a free text (whose rows depend on how often each text occurs). The rows' counts
     * are released values already; missing counts and the total are cells (count, key sum) to release.
     */
    Optional<PublishedPage> publishedCross(CountRequest request) {
        if (!disclosure.frozen()
                || request.by().size() != 2
                || !request.filters().isEmpty()
                || request.receivedFrom() != null
                || request.receivedTo() != null) {
            return Optional.empty();
        }
        Dimension x = request.by().get(0);
        Dimension y = request.by().get(1);
        if ((x.level == y.level && x.level != Dimension.Level.CASE)
                || x == y
                || org.kaers.statistics.disclosure.Disclosure.kind(x)
                        == org.kaers.statistics.disclosure.Disclosure.ValueKind.FREE_TEXT
                || org.kaers.statistics.disclosure.Disclosure.kind(y)
                        == org.kaers.statistics.disclosure.Disclosure.ValueKind.FREE_TEXT) {
            return Optional.empty();
        }
        boolean xFirst = (x.code + "=").compareTo(y.code + "=") < 0;
        Dimension first = xFirst ? x : y;
        Dimension second = xFirst ? y : x;
        String[] l0 = label(x, "lx0", "g.k0");
        String[] l1 = label(y, "lx1", "g.k1");
        String sql = """
                select g.k0, %s, g.k1, %s, g.p, 0 from (
                    select substr(c.%s, :skipX) as k0, substr(c.%s, :skipY) as k1, c.p from stats_release_cell c
                    where split_part(c.a, '=', 1) = :first and split_part(c.b, '=', 1) = :second and c.period = 0
                    and c.p > 0 and c.a <> :firstEmpty and c.b <> :secondEmpty
                    order by c.p desc, c.%s, c.%s limit :limit offset :offset
                ) g %s %s order by g.p desc, g.k0 collate "C", g.k1 collate "C"
                """.formatted(
                        l0 == null ? "null" : l0[1],
                        l1 == null ? "null" : l1[1],
                        xFirst ? "a" : "b",
                        xFirst ? "b" : "a",
                        xFirst ? "a" : "b",
                        xFirst ? "b" : "a",
                        l0 == null ? "" : l0[0],
                        l1 == null ? "" : l1[0]);
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery(sql)
                .setParameter("first", first.code)
                .setParameter("second", second.code)
                .setParameter("firstEmpty", first.code + "=")
                .setParameter("secondEmpty", second.code + "=")
                .setParameter("skipX", x.code.length() + 2)
                .setParameter("skipY", y.code.length() + 2)
                .setParameter("limit", request.page().size())
                .setParameter("offset", (long) request.page().offset())
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Number> groups = em.createNativeQuery("select groups from stats_release_dims where x = ?1 and y = ?2")
                .setParameter(1, first.code)
                .setParameter(2, second.code)
                .getResultList();
        return Optional.of(new PublishedPage(
                tally(found, x, y), groups.isEmpty() ? 0 : groups.get(0).longValue()));
    }

    /**
     * Two dimensions of the same product or reaction row cross within the row (a case with kratom powder and
     * alprazolam tablets is not a kratom x tablet case): read from the combined values of the facts.
     */
    private Tally sameRowCross(Dimension x, Dimension y) {
        Dimension[] order = AggregateStore.sameRow(x, y);
        String prefix = AggregateStore.sameRowPrefix(x, y);
        String[] l0 = label(x, "lx0", "g.k0");
        String[] l1 = label(y, "lx1", "g.k1");
        String first = "split_part(substr(c.b, " + (prefix.length() + 1) + "), chr(31), 1)";
        String rest = "substr(c.b, " + (prefix.length() + 1) + " + length(" + first + ") + 1)";
        String sql = """
                select g.k0, %s, g.k1, %s, g.n, g.ks from (
                    select %s as k0, %s as k1, c.n, c.k as ks from stats_cell c
                    where c.a = '*' and c.b >= :lo and c.b < :hi and c.period = 0 and c.n > 0
                ) g %s %s order by g.n desc, g.k0 collate "C", g.k1 collate "C"
                """.formatted(
                        l0 == null ? "null" : l0[1],
                        l1 == null ? "null" : l1[1],
                        order[0] == x ? first : rest,
                        order[0] == x ? rest : first,
                        l0 == null ? "" : l0[0],
                        l1 == null ? "" : l1[0]);
        @SuppressWarnings("unchecked")
        List<Object[]> found = query(sql)
                .setParameter("lo", prefix)
                .setParameter("hi", prefix.substring(0, prefix.length() - 1) + ">")
                .getResultList();
        return tally(found, x, y);
    }

    /** A cross's tally: its pairs, the cases without a value of x or of y, all cases. */
    private Tally tally(List<Object[]> found, Dimension x, Dimension y) {
        // The three cells in one statement (a round trip costs more than the page's own statement).
        @SuppressWarnings("unchecked")
        List<Object[]> cells = query("select c.b, c.n, c.k from stats_cell c where c.a = '*' and c.period = 0"
                        + " and c.b in (?1, ?2, ?3)")
                .setParameter(1, x.code + "=")
                .setParameter(2, y.code + "=")
                .setParameter(3, AggregateStore.ALL)
                .getResultList();
        Map<String, long[]> byValue = new HashMap<>();
        for (Object[] c : cells) {
            byValue.put((String) c[0], new long[] {((Number) c[1]).longValue(), ((Number) c[2]).longValue()});
        }
        long[] none = {0, 0};
        long[] mx = byValue.getOrDefault(x.code + "=", none);
        long[] my = byValue.getOrDefault(y.code + "=", none);
        long[] total = byValue.getOrDefault(AggregateStore.ALL, none);
        return new Tally(rows(found), new long[] {mx[0], my[0]}, total[0], new long[] {mx[1], my[1]}, total[1]);
    }

    private static List<Tally.Row> rows(List<Object[]> found) {
        List<Tally.Row> rows = new ArrayList<>(found.size());
        for (Object[] r : found) {
            List<String> labels = new ArrayList<>();
            labels.add((String) r[1]);
            labels.add((String) r[3]);
            rows.add(new Tally.Row(
                    List.of((String) r[0], (String) r[2]),
                    labels,
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue()));
        }
        return rows;
    }

    /** The cases with one value, all time, and their key sum. */
    private long[] single(String value) {
        Object[] n = (Object[]) query("select coalesce(sum(n), 0), coalesce(sum(k), 0) from stats_cell"
                        + " where a = '*' and b = ?1 and period = 0")
                .setParameter(1, value)
                .getSingleResult();
        return new long[] {((Number) n[0]).longValue(), ((Number) n[1]).longValue()};
    }

    /** Cases with any of the anchor values ('*': all counted cases) received in the months, and their key sum. */
    long[] total(List<String> anchor, Months months) {
        Map<String, Object> params = new HashMap<>();
        params.put("anchor", anchor);
        Object[] n = (Object[]) RawCounts.bind(
                        query("select coalesce(sum(n), 0), coalesce(sum(k), 0)"
                                + " from stats_cell c where c.a = '*' and c.b in (:anchor) and " + period(months)),
                        bounds(params, months))
                .getSingleResult();
        return new long[] {((Number) n[0]).longValue(), ((Number) n[1]).longValue()};
    }

    /**
     * Of the given values of a dimension, those held by at least {@code minimum} counted cases (all time, no
     * filters): how often a free text occurs, for disclosure control.
     */
    java.util.Set<String> frequent(Dimension d, java.util.Collection<String> values, long minimum) {
        if (values.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        // One text parameter however many values (a bind list is limited to 32,767), split in the database.
        List<String> found = query("select substr(b, :skip) from stats_cell where a = '*' and period = 0"
                        + " and b = any (string_to_array(:values, chr(31))) and n >= :minimum")
                .setParameter(
                        "values",
                        values.stream()
                                .map(v -> d.code + "=" + v)
                                .collect(java.util.stream.Collectors.joining("\u001f")))
                .setParameter("minimum", minimum)
                .setParameter("skip", d.code.length() + 2)
                .getResultList();
        return new java.util.HashSet<>(found);
    }

    /** The join and column of the label of a dimension whose keys are codes or ids; null for the others. */
    private static String[] label(Dimension d, String alias, String key) {
        // A key that is a number as text (product ids) is compared as a number, so that the label table's primary
        // key finds it (a page of labels is then index look-ups, not a scan of every product).
        if (d.labelTable == null) {
            return null;
        }
        String on = d.labelKey.endsWith("::text")
                ? alias + "." + d.labelKey.substring(0, d.labelKey.length() - "::text".length()) + " = cast(nullif("
                        + key + ", '') as bigint)"
                : alias + "." + d.labelKey + " = " + key;
        return new String[] {"left join " + d.labelTable + " " + alias + " on " + on, alias + "." + d.labelColumn};
    }

    private static String period(Months months) {
        return months.allTime() ? "c.period = 0" : "c.period between :from and :to";
    }

    private static Map<String, Object> bounds(Map<String, Object> params, Months months) {
        if (!months.allTime()) {
            params.put("from", months.from());
            params.put("to", months.to());
        }
        return params;
    }

    /**
     * The anchor values: the cases counted are those with any of them ('*': all cases). Null when the filters
     * cannot be answered from the cells.
     */
    private static List<String> anchor(CountRequest request) {
        if (request.filters().isEmpty()) {
            return List.of(AggregateStore.ALL);
        }
        if (request.filters().size() > 1) {
            return null;
        }
        Map.Entry<Dimension, List<String>> filter =
                request.filters().entrySet().iterator().next();
        Dimension d = filter.getKey();
        if (request.by().contains(d)
                || (d.level != Dimension.Level.CASE && filter.getValue().size() > 1)) {
            return null;
        }
        return filter.getValue().stream().map(v -> d.code + "=" + v).toList();
    }

    /** The whole months a receipt range covers; null when it starts or ends inside a month. */
    private static Months months(CountRequest request) {
        LocalDate from = request.receivedFrom();
        LocalDate to = request.receivedTo();
        if (from == null && to == null) {
            return Months.ALL_TIME;
        }
        if ((from != null && from.getDayOfMonth() != 1)
                || (to != null && to.plusDays(1).getDayOfMonth() != 1)) {
            return null;
        }
        return new Months(
                from == null ? 1 : from.getYear() * 100 + from.getMonthValue(),
                to == null ? 999_912 : to.getYear() * 100 + to.getMonthValue());
    }
}
