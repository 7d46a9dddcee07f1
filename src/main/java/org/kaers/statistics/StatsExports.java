package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kaers.common.Exports;
import org.kaers.common.SnapshotExports;

/**
 * The statistics answers as CSV or NDJSON rows ({@link Exports}: streamed, stamped with the data version). Counts
 * are every group ({@link #allCounts}) or, with page or size, one page; trends and summaries are their whole answer
 * (a series of periods, a profile's sections: no pages); the line listing, which can hold every case, streams from a
 * database cursor ({@link LineListingExport}).
 */
@ApplicationScoped
class StatsExports {

    private final CaseCounts counts;
    private final StatsService service;
    private final SnapshotExports snapshots;

    StatsExports(CaseCounts counts, StatsService service, SnapshotExports snapshots) {
        this.counts = counts;
        this.service = service;
        this.snapshots = snapshots;
    }

    /** One page of counts (the JSON page). */
    Response counts(CountResponse response, Exports.Format format) {
        List<List<Object>> rows = new ArrayList<>();
        for (CountResponse.Group g : response.results()) {
            rows.add(cells(g));
        }
        return Exports.table(format, "counts", version(), header(response.meta().by()), rows);
    }

    /**
     * Every group of a count (all pages, the JSON pages' rows in their order), streamed; the data version (the
     * release's for researchers) and the groups read in one snapshot. Filters are checked before the first byte.
     */
    Response allCounts(CountRequest request, Exports.Format format) {
        return snapshots.table(
                format,
                "counts",
                header(request.by().stream().map(Dimension::code).toList()),
                () -> {
                    service.check(request);
                    return counts.dataVersion().version();
                },
                sink -> service.eachGroup(request, g -> sink.row(cells(g))));
    }

    private static List<String> header(List<String> by) {
        List<String> header = new ArrayList<>();
        for (String dim : by) {
            header.add(dim);
            header.add(dim + "_label");
        }
        header.add("count");
        header.add("suppressed");
        return header;
    }

    private static List<Object> cells(CountResponse.Group g) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < g.keys().size(); i++) {
            cells.add(g.keys().get(i));
            cells.add(g.labels().get(i));
        }
        cells.add(g.count());
        cells.add(g.suppressed());
        return cells;
    }

    /** One row per period, then the cases without a date (period "missing") and the total (period "total"). */
    Response trend(TrendResponse trend, Exports.Format format) {
        List<List<Object>> rows = new ArrayList<>();
        for (TrendResponse.Point p : trend.series()) {
            rows.add(Arrays.asList(trend.interval(), trend.date(), p.period(), p.start(), p.count(), p.suppressed()));
        }
        if (trend.missing() != null) {
            rows.add(Arrays.asList(
                    trend.interval(),
                    trend.date(),
                    "missing",
                    null,
                    trend.missing().count(),
                    trend.missing().suppressed()));
        }
        rows.add(Arrays.asList(
                trend.interval(), trend.date(), "total", null, trend.meta().totalCases(), false));
        return Exports.table(
                format,
                "trend",
                version(),
                List.of("interval", "date", "period", "start", "count", "suppressed"),
                rows);
    }

    /** One row per figure: the totals (section "cases"), then each section's groups and its missing count. */
    Response summary(SummaryResponse s, Exports.Format format) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList("cases", "total", null, s.meta().totalCases(), null));
        rows.add(Arrays.asList("cases", "serious", null, s.seriousCases(), null));
        rows.add(Arrays.asList("cases", "seriousShare", null, null, s.seriousShare()));
        section(rows, "topSymptoms", s.topSymptoms());
        section(rows, "outcomes", s.outcomes());
        section(rows, "seriousnessCriteria", s.seriousnessCriteria());
        section(rows, "ageGroups", s.ageGroups());
        section(rows, "sexes", s.sexes());
        return Exports.table(format, "summary", version(), List.of("section", "key", "label", "count", "share"), rows);
    }

    private static void section(List<List<Object>> rows, String name, SummaryResponse.Section section) {
        for (CountResponse.Group g : section.results()) {
            rows.add(Arrays.asList(name, g.keys().get(0), g.labels().get(0), g.count(), null));
        }
        if (section.missing() != null) {
            rows.add(Arrays.asList(name, "missing", null, section.missing().count(), null));
        }
    }

    private long version() {
        return counts.dataVersion().version();
    }
}
