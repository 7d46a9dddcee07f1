package org.kaers.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.kaers.common.Exports;

/**
 * The statistics answers as CSV or NDJSON rows ({@link Exports}: streamed, stamped with the data version). Counts,
 * trends and summaries are one page of released values (already in memory, at most 1000 groups); the line
 * listing, which can hold every case, streams from a database cursor ({@link LineListingExport}).
 */
@ApplicationScoped
class StatsExports {

    private final CaseCounts counts;

    StatsExports(CaseCounts counts) {
        this.counts = counts;
    }

    Response counts(CountResponse response, Exports.Format format) {
        List<String> header = new ArrayList<>();
        for (String dim : response.meta().by()) {
            header.add(dim);
            header.add(dim + "_label");
        }
        header.add("count");
        header.add("suppressed");
        List<List<Object>> rows = new ArrayList<>();
        for (CountResponse.Group g : response.results()) {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < g.keys().size(); i++) {
                cells.add(g.keys().get(i));
                cells.add(g.labels().get(i));
            }
            cells.add(g.count());
            cells.add(g.suppressed());
            rows.add(cells);
        }
        return Exports.table(format, "counts", version(), header, rows);
    }

    /** One row per period, then the cases without a date (period "missing") and the total (period "total"). */
    Response trend(TrendResponse trend, Exports.Format format) {
        List<List<Object>> rows = new ArrayList<>();
        for (TrendResponse.Point p : trend.series()) {
            rows.add(Arrays.asList(trend.interval(), trend.date(), p.period(), p.start(), p.count(), p.suppressed()));
        }
        if (trend.missing() != null) {
            rows.add(Arrays.asList(trend.interval(), trend.date(), "missing", null, trend.missing().count(),
                    trend.missing().suppressed()));
        }
        rows.add(Arrays.asList(trend.interval(), trend.date(), "total", null, trend.meta().totalCases(), false));
        return Exports.table(format, "trend", version(),
                List.of("interval", "date", "period", "start", "count", "suppressed"), rows);
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
