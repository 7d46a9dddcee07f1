package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReadSource;
import org.kaers.statistics.model.ReportFilters;
import org.kaers.statistics.model.StatsPage;

/**
 * The counts other features build on (signal detection), under the statistics counting rule: read from the
 * aggregates when they can answer, from the raw rows otherwise, exactly as the statistics endpoints count.
 */
@ApplicationScoped
public class CaseCounts {

    private final ReadSnapshot snapshot;
    private final AggregateCounts aggregates;
    private final RawCounts raw;
    private final AggregateStore store;
    private final Release release;
    private final ReleaseStore releases;

    CaseCounts(
            AggregateCounts aggregates,
            RawCounts raw,
            AggregateStore store,
            Release release,
            ReadSnapshot snapshot,
            ReleaseStore releases) {
        this.releases = releases;
        this.snapshot = snapshot;
        this.aggregates = aggregates;
        this.raw = raw;
        this.store = store;
        this.release = release;
    }

    /** Validated statistics filters (any dimension, receipt range); opaque outside this package. */
    public static final class Filters {
        final CountRequest request;

        private Filters(CountRequest request) {
            this.request = request;
        }

        /** The filters as understood, for a response's meta. */
        public Map<String, Object> understood() {
            return StatsService.understood(request);
        }
    }

    /**
     * The statistics filters a feature that counts under the statistics rules takes (what a case is, and the
     * report's qualification and receipt range), checked; bad values are one 400 problem that names them.
     */
    public static Filters filters(CaseFilters cases, ReportFilters reports) {
        return new Filters(StatsRequests.request(
                null,
                false,
                StatsRequests.Raw.of(cases, reports, null, null),
                new org.kaers.common.PageRequest(0, StatsPage.DEFAULT_SIZE),
                new java.util.ArrayList<>()));
    }

    /** Whether a dimension code names a statistics dimension. */
    public static boolean isDimension(String code) {
        return Dimension.byCode(code) != null;
    }

    /**
     * Cases by the values of {@code against}: among the cases with {@code subject} = {@code value} (and the
     * filters), and among all cases (with the filters), with the totals of both. Every number is released through
     * the disclosure model exactly as {@code GET /stats/counts} releases the same cell (the same sets of cases), so
     * a table built from them tells a researcher nothing the counts do not.
     */
    public record Margins(
            Map<String, Long> withSubject,
            Map<String, Long> all,
            Map<String, String> labels,
            long subjectCases,
            long totalCases,
            boolean fromAggregates) {}

    /**
     * Starts a statistics read in the current transaction (one snapshot, bounded time; see ReadSnapshot):
     * call it first when the read runs queries of its own before {@link #margins}.
     */
    public void beginRead() {
        snapshot.begin();
    }

    @Transactional
    public Margins margins(String subject, String value, String against, Filters filters) {
        snapshot.begin();
        Dimension s = Dimension.byCode(subject);
        Dimension x = Dimension.byCode(against);
        CountRequest base = filters.request;
        Map<Dimension, List<String>> narrowed = new java.util.EnumMap<>(Dimension.class);
        narrowed.putAll(base.filters());
        narrowed.put(s, List.of(value));
        CountRequest all =
                new CountRequest(List.of(x), base.filters(), base.receivedFrom(), base.receivedTo(), base.page());
        CountRequest with = new CountRequest(List.of(x), narrowed, base.receivedFrom(), base.receivedTo(), base.page());
        Optional<Tally> allCells = aggregates.counts(all);
        Optional<Tally> withCells = aggregates.counts(with);
        release.checkFilters(with.filters());
        Tally allTally = release.tally(allCells.orElseGet(() -> raw.counts(all)), all.by());
        Tally withTally = release.tally(withCells.orElseGet(() -> raw.counts(with)), with.by());
        Map<String, Long> byAll = new HashMap<>();
        Map<String, String> labels = new HashMap<>();
        allTally.rows().forEach(r -> {
            byAll.put(r.keys().get(0), r.n());
            labels.put(r.keys().get(0), r.labels().get(0));
        });
        Map<String, Long> byWith = new HashMap<>();
        withTally.rows().forEach(r -> byWith.put(r.keys().get(0), r.n()));
        return new Margins(
                byWith,
                byAll,
                labels,
                withTally.total(),
                allTally.total(),
                allCells.isPresent() && withCells.isPresent());
    }

    /** Every (row, column) pair of two dimensions with its cases, all time, no filters, with both margins. */
    public record Cross(List<Pair> pairs, Map<String, Long> rows, Map<String, Long> columns, long totalCases) {}

    /** A (row, column) pair of values and its cases. */
    public record Pair(String row, String column, long cases) {}

    @Transactional
    public Cross cross(String rowDimension, String columnDimension) {
        Dimension r = Dimension.byCode(rowDimension);
        Dimension c = Dimension.byCode(columnDimension);
        org.kaers.common.PageRequest page = new org.kaers.common.PageRequest(0, 1);
        CountRequest pairs = new CountRequest(List.of(r, c), Map.of(), null, null, page);
        Tally cross = aggregates.counts(pairs).orElseGet(() -> raw.counts(pairs));
        Map<String, Long> rows = new HashMap<>();
        CountRequest byRow = new CountRequest(List.of(r), Map.of(), null, null, page);
        aggregates
                .counts(byRow)
                .orElseGet(() -> raw.counts(byRow))
                .rows()
                .forEach(x -> rows.put(x.keys().get(0), x.n()));
        Map<String, Long> columns = new HashMap<>();
        CountRequest byColumn = new CountRequest(List.of(c), Map.of(), null, null, page);
        aggregates
                .counts(byColumn)
                .orElseGet(() -> raw.counts(byColumn))
                .rows()
                .forEach(x -> columns.put(x.keys().get(0), x.n()));
        return new Cross(
                cross.rows().stream()
                        .map(p -> new Pair(p.keys().get(0), p.keys().get(1), p.n()))
                        .toList(),
                rows,
                columns,
                cross.total());
    }

    /** All counted cases, from the aggregates. */
    @Transactional
    public long totalCases() {
        return aggregates.total(List.of(AggregateStore.ALL), AggregateCounts.Months.ALL_TIME)[0];
    }

    /** The version of the aggregated data: it changes whenever changes are folded in or rebuilt. */
    public record DataVersion(long version, Instant asOf) {}

    /** The version of the data the caller's numbers come from: the frozen release's for researchers, else live. */
    @Transactional
    public DataVersion dataVersion() {
        Optional<ReleaseStore.Info> frozen = releases.current();
        if (frozen.isPresent()) {
            return new DataVersion(frozen.get().dataVersion(), frozen.get().cutAt());
        }
        AggregateStore.Status status = store.status();
        return new DataVersion(status.dataVersion(), status.appliedThrough());
    }

    /** Counts from 1 up to this are never released to the caller (0: exact counts). */
    public int smallCellThreshold() {
        return release.disclosure().threshold();
    }

    public boolean isSmall(long count) {
        return count >= 1 && count <= smallCellThreshold();
    }

    /** How the caller's numbers are protected, for a response's meta. */
    public org.kaers.statistics.model.Protection protection() {
        return release.disclosure().protection();
    }

    /** Which database answers the current read, for a response's meta (operational: null for researchers). */
    public ReadSource readSource() {
        return release.disclosure().operational(snapshot.source());
    }

    /** Whether the caller gets exact counts. */
    public boolean exact() {
        return release.exact();
    }

    /** The label a product may be shown with to the caller: its name, or its id until it is curated. */
    public String productLabel(String id, String name) {
        return release.uncurated(List.of(id)).contains(id) ? Release.uncuratedLabel(id) : name;
    }
}
