package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Case counts per month, quarter or year, of receipt or of onset (the earliest reaction onset of the
 * latest version), with the statistics filters. Every period is released through the disclosure model
 * ({@link Release}): a quarter or a year is a cell of its own (not the sum of released months), so finer and
 * coarser series cannot be subtracted. Periods released as 0 are not listed.
 */
@ApplicationScoped
public class TrendService {

    /** The period length. */
    public enum Interval {
        MONTH,
        QUARTER,
        YEAR
    }

    private final ReadSnapshot snapshot;
    private final Release release;
    private final AggregateCounts aggregates;
    private final RawCounts raw;
    private final StatsService stats;

    TrendService(
            Release release, AggregateCounts aggregates, RawCounts raw, StatsService stats, ReadSnapshot snapshot) {
        this.snapshot = snapshot;
        this.release = release;
        this.aggregates = aggregates;
        this.raw = raw;
        this.stats = stats;
    }

    @Transactional
    public TrendResponse trend(CountRequest request, Interval interval, boolean onset) {
        snapshot.begin();
        release.checkFilters(request.filters());
        Optional<Tally.Monthly> fromCells = aggregates.monthly(request, onset);
        return respond(
                request,
                interval,
                onset,
                fromCells.orElseGet(() -> raw.monthly(request, onset)),
                fromCells.isPresent());
    }

    /** The same series, always recounted from the raw rows: what the aggregates are checked against. */
    @Transactional
    public TrendResponse recount(CountRequest request, Interval interval, boolean onset) {
        snapshot.begin();
        release.checkFilters(request.filters());
        return respond(request, interval, onset, raw.monthly(request, onset), false);
    }

    /**
     * Each period (a quarter or a year is a set of cases of its own, with the key sum of its months), the
     * missing count and the total, as released; periods released as 0 are not listed.
     */
    private TrendResponse respond(
            CountRequest request, Interval interval, boolean onset, Tally.Monthly monthly, boolean fromCells) {
        Map<LocalDate, long[]> periods = new TreeMap<>();
        for (Tally.Month m : monthly.months()) {
            long[] cell = periods.computeIfAbsent(start(m.start(), interval), p -> new long[2]);
            cell[0] += m.n();
            cell[1] += m.k();
        }
        List<TrendResponse.Point> series = new ArrayList<>();
        periods.forEach((start, cell) -> {
            long released = release.cell(cell[0], cell[1]);
            if (released > 0) {
                series.add(new TrendResponse.Point(label(start, interval), start.toString(), released, false));
            }
        });
        long total = release.cell(monthly.total(), monthly.totalKey());
        long missing = release.cell(monthly.missing(), monthly.missingKey());
        CountResponse.Meta meta = stats.meta(request, total, fromCells, List.of(), series.size(), 0, series.size());
        return new TrendResponse(
                meta,
                interval.name(),
                onset ? "onset" : "received",
                series,
                new CountResponse.Missing("onsetDate", missing, false));
    }

    private static LocalDate start(LocalDate month, Interval interval) {
        return switch (interval) {
            case MONTH -> month;
            case QUARTER -> month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> month.withMonth(1);
        };
    }

    private static String label(LocalDate start, Interval interval) {
        return switch (interval) {
            case MONTH -> "%d-%02d".formatted(start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }
}
