package org.kaers.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Case counts by one or two dimensions (see {@link CountingRule}), read from the maintained aggregates when
 * they can answer ({@link AggregateCounts}) and otherwise counted from the raw rows ({@link RawCounts}), then
 * protected by {@link SmallCellPolicy} over all groups before paging.
 */
@ApplicationScoped
public class StatsService {

    private final SmallCellPolicy policy;
    private final AggregateCounts aggregates;
    private final RawCounts raw;
    private final AggregateStore store;
    private final ReadSnapshot snapshot;

    StatsService(SmallCellPolicy policy, AggregateCounts aggregates, RawCounts raw,
            AggregateStore store, ReadSnapshot snapshot) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.aggregates = aggregates;
        this.raw = raw;
        this.store = store;
    }

    @Transactional
    public CountResponse counts(CountRequest request) {
        snapshot.begin();
        java.util.Optional<Tally> fromCells = aggregates.counts(request);
        Tally tally = fromCells.orElseGet(() -> raw.counts(request));
        List<Tally> neighbours = request.differingByOneFilter().stream()
                .map(r -> aggregates.counts(r).orElseGet(() -> raw.counts(r))).toList();
        return protect(request, tally, neighbours, fromCells.isPresent());
    }

    /** The same counts, always recounted from the raw rows: what the aggregates are checked against. */
    @Transactional
    public CountResponse recount(CountRequest request) {
        snapshot.begin();
        List<Tally> neighbours = request.differingByOneFilter().stream().map(raw::counts).toList();
        return protect(request, raw.counts(request), neighbours, false);
    }

    private CountResponse protect(CountRequest request, Tally tally, List<Tally> neighbours, boolean fromCells) {
        List<Dimension> by = request.by();
        List<Tally.Row> rows = tally.rows();
        // The cells: every group (all pages), then the missing count of each dimension, then the total.
        int n = rows.size();
        int totalCell = n + by.size();
        long[] cells = cells(rows, tally, by.size());
        List<long[]> aligned = new ArrayList<>();
        for (Tally other : neighbours) {
            Map<List<String>, Long> byKeys = new java.util.HashMap<>();
            other.rows().forEach(r -> byKeys.put(r.keys(), r.n()));
            long[] same = new long[cells.length];
            for (int i = 0; i < n; i++) {
                same[i] = byKeys.getOrDefault(rows.get(i).keys(), 0L);
            }
            System.arraycopy(cells(List.of(), other, by.size()), 0, same, n, by.size() + 1);
            aligned.add(same);
        }
        List<int[]> groups = new ArrayList<>();
        if (by.size() == 1) {
            int[] all = new int[n + 1]; // the groups and the missing cell add up to the total
            for (int i = 0; i <= n; i++) {
                all[i] = i;
            }
            groups.add(all);
        } else {
            for (int dim = 0; dim < 2; dim++) {
                Map<String, List<Integer>> margin = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    margin.computeIfAbsent(rows.get(i).keys().get(dim), k -> new ArrayList<>()).add(i);
                }
                margin.values().forEach(ix -> groups.add(ix.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        BitSet hidden = policy.suppress(cells, groups, policy.differences(cells, aligned));

        List<CountResponse.Group> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tally.Row r = rows.get(i);
            boolean suppressed = hidden.get(i);
            all.add(new CountResponse.Group(r.keys(), r.labels(), suppressed ? null : cells[i], suppressed));
        }
        List<CountResponse.Missing> missing = new ArrayList<>();
        for (int d = 0; d < by.size(); d++) {
            boolean suppressed = hidden.get(n + d);
            missing.add(new CountResponse.Missing(by.get(d).code(), suppressed ? null : cells[n + d], suppressed));
        }
        int from = Math.min(all.size(), request.page().offset());
        int to = Math.min(all.size(), from + request.page().size());
        CountResponse.Meta meta = meta(request, tally.total(), hidden.get(totalCell), fromCells,
                by.stream().map(Dimension::code).toList(), all.size(), request.page().page(), request.page().size());
        return new CountResponse(meta, List.copyOf(all.subList(from, to)), missing);
    }

    /** A tally's cells in the order {@link #protect} uses: groups, missing counts, total. */
    private static long[] cells(List<Tally.Row> rows, Tally tally, int dimensions) {
        int n = rows.size();
        long[] cells = new long[n + dimensions + 1];
        for (int i = 0; i < n; i++) {
            cells[i] = rows.get(i).n();
        }
        System.arraycopy(tally.missing(), 0, cells, n, dimensions);
        cells[n + dimensions] = tally.total();
        return cells;
    }

    /** The meta block: what was counted, how, from what and how fresh. */
    CountResponse.Meta meta(CountRequest request, long total, boolean totalHidden, boolean fromCells, List<String> by,
            long groups, int page, int size) {
        AggregateStore.Status status = store.status();
        Instant lastUpdated = fromCells || status.newestPending() == null ? status.appliedThrough()
                : status.newestPending();
        long lag = fromCells ? status.lagSeconds() : 0;
        return new CountResponse.Meta(CountingRule.CAUTION, CountingRule.TEXT, lastUpdated, by, understood(request),
                totalHidden ? null : total, totalHidden, policy.threshold(), groups, page, size,
                fromCells ? CountResponse.Source.AGGREGATES : CountResponse.Source.RAW_ROWS,
                fromCells ? status.pendingCases() : 0, lag);
    }

    /** The profile of a product or substance (or any filtered set of cases). */
    @Transactional
    public SummaryResponse summary(CountRequest filters) {
        return summary(filters, this::counts);
    }

    /** The same profile, always recounted from the raw rows: what the aggregates are checked against. */
    @Transactional
    public SummaryResponse recountSummary(CountRequest filters) {
        return summary(filters, this::recount);
    }

    private SummaryResponse summary(CountRequest filters, java.util.function.Function<CountRequest, CountResponse> counts) {
        CountResponse serious = counts.apply(with(filters, Dimension.SERIOUS, 10));
        Long seriousCases = serious.results().stream().filter(g -> g.keys().get(0).equals("true")).findFirst()
                .map(CountResponse.Group::count).orElse(serious.meta().totalCasesSuppressed() ? null : 0L);
        Long total = serious.meta().totalCases();
        java.math.BigDecimal share = seriousCases == null || total == null || total == 0 ? null
                : java.math.BigDecimal.valueOf(seriousCases).divide(java.math.BigDecimal.valueOf(total), 3,
                        java.math.RoundingMode.HALF_UP);
        CountResponse.Meta m = serious.meta();
        CountResponse.Meta meta = new CountResponse.Meta(m.disclaimer(), m.countingRule(), m.lastUpdated(), List.of(),
                m.filters(), total, m.totalCasesSuppressed(), m.smallCellThreshold(), 0, 0, 0, m.answeredFrom(),
                m.pendingCases(), m.lagSeconds());
        java.util.function.Function<Dimension, SummaryResponse.Section> section = d -> {
            CountResponse c = counts.apply(with(filters, d, d == Dimension.SYMPTOM ? 10 : 100));
            return new SummaryResponse.Section(c.results(), c.missing().get(0));
        };
        return new SummaryResponse(meta, seriousCases, share, section.apply(Dimension.SYMPTOM),
                section.apply(Dimension.OUTCOME), section.apply(Dimension.CRITERION), section.apply(Dimension.AGE_GROUP),
                section.apply(Dimension.SEX));
    }


    private static CountRequest with(CountRequest filters, Dimension by, int size) {
        return new CountRequest(List.of(by), filters.filters(), filters.receivedFrom(), filters.receivedTo(),
                new org.kaers.common.PageRequest(0, size));
    }

    static Map<String, Object> understood(CountRequest request) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (request.receivedFrom() != null) {
            out.put("receivedFrom", request.receivedFrom().toString());
        }
        if (request.receivedTo() != null) {
            out.put("receivedTo", request.receivedTo().toString());
        }
        request.filters().forEach((d, v) -> out.put(d.code(), v));
        return out;
    }
}
