package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.statistics.model.StatsPage;

/**
 * Case counts by one or two dimensions (see {@link CountingRule}), read from the maintained aggregates when
 * they can answer ({@link AggregateCounts}) and otherwise counted from the raw rows ({@link RawCounts}), then
 * released through the disclosure model ({@link Release}) over all groups before paging.
 */
@ApplicationScoped
public class StatsService {

    private final Release release;
    private final AggregateCounts aggregates;
    private final RawCounts raw;
    private final AggregateStore store;
    private final ReadSnapshot snapshot;
    private final ReleaseStore releases;

    StatsService(
            Release release,
            AggregateCounts aggregates,
            RawCounts raw,
            AggregateStore store,
            ReadSnapshot snapshot,
            ReleaseStore releases) {
        this.snapshot = snapshot;
        this.releases = releases;
        this.release = release;
        this.aggregates = aggregates;
        this.raw = raw;
        this.store = store;
    }

    @Transactional
    public CountResponse counts(CountRequest request) {
        snapshot.begin();
        release.checkFilters(request.filters());
        java.util.Optional<AggregateCounts.PublishedPage> published = aggregates.publishedCross(request);
        if (published.isPresent()) {
            return respondPublished(request, published.get());
        }
        java.util.Optional<Tally> fromCells = aggregates.counts(request);
        return respond(request, fromCells.orElseGet(() -> raw.counts(request)), fromCells.isPresent());
    }

    /** Receives the groups of a whole count, one at a time, in page order. */
    @FunctionalInterface
    interface GroupSink {
        void group(CountResponse.Group group) throws java.io.IOException;
    }

    /** Checks a count's filters (a 400 before any byte of an export is sent). */
    @Transactional
    void check(CountRequest request) {
        snapshot.begin();
        release.checkFilters(request.filters());
    }

    /**
     * Every group of a count, all pages, released exactly as the JSON pages release them and in their order. A
     * researcher's cross read from the release's published values is read page by page from its index (constant
     * memory); any other count is the one tally the JSON answer builds too (its groups, never its cases).
     */
    @Transactional
    void eachGroup(CountRequest request, GroupSink sink) throws java.io.IOException {
        check(request);
        int size = StatsPage.MAX_SIZE;
        if (aggregates.publishedCross(page(request, 0, 1)).isPresent()) {
            for (int p = 0; ; p++) {
                AggregateCounts.PublishedPage published =
                        aggregates.publishedCross(page(request, p, size)).orElseThrow();
                for (Tally.Row r :
                        release.published(published.tally(), request.by()).rows()) {
                    sink.group(new CountResponse.Group(r.keys(), r.labels(), r.n(), false));
                }
                if (published.tally().rows().size() < size) {
                    return;
                }
            }
        }
        java.util.Optional<Tally> fromCells = aggregates.counts(request);
        for (Tally.Row r : release.tally(fromCells.orElseGet(() -> raw.counts(request)), request.by())
                .rows()) {
            sink.group(new CountResponse.Group(r.keys(), r.labels(), r.n(), false));
        }
    }

    private static CountRequest page(CountRequest r, int page, int size) {
        return new CountRequest(
                r.by(), r.filters(), r.receivedFrom(), r.receivedTo(), new org.kaers.common.PageRequest(page, size));
    }

    /** The same counts, always recounted from the raw rows: what the aggregates are checked against. */
    @Transactional
    public CountResponse recount(CountRequest request) {
        snapshot.begin();
        release.checkFilters(request.filters());
        return respond(request, raw.counts(request), false);
    }

    /** Every group (all pages), missing count and total as released to the caller, then the page. */
    private CountResponse respond(CountRequest request, Tally counted, boolean fromCells) {
        Tally tally = release.tally(counted, request.by());
        int from = Math.min(tally.rows().size(), request.page().offset());
        int to = Math.min(tally.rows().size(), from + request.page().size());
        return response(
                request, tally, tally.rows().subList(from, to), tally.rows().size(), fromCells);
    }

    /** A page read as published (rows released already), its missing counts and total released here. */
    private CountResponse respondPublished(CountRequest request, AggregateCounts.PublishedPage published) {
        Tally tally = release.published(published.tally(), request.by());
        return response(request, tally, tally.rows(), published.groups(), true);
    }

    private CountResponse response(
            CountRequest request, Tally tally, List<Tally.Row> rows, long groups, boolean fromCells) {
        List<Dimension> by = request.by();
        List<CountResponse.Group> page = new ArrayList<>(rows.size());
        for (Tally.Row r : rows) {
            page.add(new CountResponse.Group(r.keys(), r.labels(), r.n(), false));
        }
        List<CountResponse.Missing> missing = new ArrayList<>();
        for (int d = 0; d < by.size(); d++) {
            missing.add(new CountResponse.Missing(by.get(d).code(), tally.missing()[d], false));
        }
        CountResponse.Meta meta = meta(
                request,
                tally.total(),
                fromCells,
                by.stream().map(Dimension::code).toList(),
                groups,
                request.page().page(),
                request.page().size());
        return new CountResponse(meta, List.copyOf(page), missing);
    }

    /** The meta block: what was counted, how, from what, how fresh and how protected. */
    CountResponse.Meta meta(
            CountRequest request, long total, boolean fromCells, List<String> by, long groups, int page, int size) {
        java.util.Optional<ReleaseStore.Info> frozen = releases.current();
        // The live state only for callers who read live (its figures are withheld from the others, and a statement
        // less is most of a frozen page's time).
        AggregateStore.Status status = frozen.isPresent() ? null : store.status();
        Instant lastUpdated = frozen.isPresent()
                ? frozen.get().cutAt()
                : fromCells || status.newestPending() == null ? status.appliedThrough() : status.newestPending();
        long lag = fromCells && status != null ? status.lagSeconds() : 0;
        long pending = fromCells && status != null ? status.pendingCases() : 0;
        org.kaers.statistics.disclosure.Disclosure disclosure = release.disclosure();
        return new CountResponse.Meta(
                CountingRule.CAUTION,
                CountingRule.TEXT,
                lastUpdated,
                by,
                understood(request),
                total,
                false,
                disclosure.threshold(),
                groups,
                page,
                size,
                fromCells ? CountResponse.Source.AGGREGATES : CountResponse.Source.RAW_ROWS,
                disclosure.operational(pending),
                disclosure.operational(lag),
                disclosure.protection(),
                frozen.map(ReleaseView.Stamp::of).orElse(null),
                disclosure.operational(snapshot.source()));
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

    private SummaryResponse summary(
            CountRequest filters, java.util.function.Function<CountRequest, CountResponse> counts) {
        CountResponse serious = counts.apply(with(filters, Dimension.SERIOUS, 10));
        Long seriousCases = serious.results().stream()
                .filter(g -> g.keys().get(0).equals("true"))
                .findFirst()
                .map(CountResponse.Group::count)
                .orElse(serious.meta().totalCasesSuppressed() ? null : 0L);
        Long total = serious.meta().totalCases();
        java.math.BigDecimal share = seriousCases == null || total == null || total == 0
                ? null
                : java.math.BigDecimal.valueOf(Math.min(seriousCases, total))
                        .divide(
                                java.math.BigDecimal.valueOf(total),
                                3,
                                java.math.RoundingMode.HALF_UP); // released values are perturbed independently
        CountResponse.Meta m = serious.meta();
        CountResponse.Meta meta = new CountResponse.Meta(
                m.disclaimer(),
                m.countingRule(),
                m.lastUpdated(),
                List.of(),
                m.filters(),
                total,
                m.totalCasesSuppressed(),
                m.smallCellThreshold(),
                0,
                0,
                0,
                m.answeredFrom(),
                m.pendingCases(),
                m.lagSeconds(),
                m.protection(),
                m.release(),
                m.readSource());
        java.util.function.Function<Dimension, SummaryResponse.Section> section = d -> {
            CountResponse c = counts.apply(with(filters, d, d == Dimension.SYMPTOM ? 10 : 100));
            return new SummaryResponse.Section(c.results(), c.missing().get(0));
        };
        return new SummaryResponse(
                meta,
                seriousCases,
                share,
                section.apply(Dimension.SYMPTOM),
                section.apply(Dimension.OUTCOME),
                section.apply(Dimension.CRITERION),
                section.apply(Dimension.AGE_GROUP),
                section.apply(Dimension.SEX));
    }

    private static CountRequest with(CountRequest filters, Dimension by, int size) {
        return new CountRequest(
                List.of(by),
                filters.filters(),
                filters.receivedFrom(),
                filters.receivedTo(),
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
