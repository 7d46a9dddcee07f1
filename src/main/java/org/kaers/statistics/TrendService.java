package org.kaers.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Case counts per month, quarter or year, of receipt or of onset (the earliest reaction onset of the
 * latest version), with the statistics filters. Periods with no case are not listed. Small cells are
 * suppressed, and, because a coarser interval gives sums of finer periods, a lone suppressed month in a
 * quarter or a year (a lone quarter in a year) takes a partner.
 */
@ApplicationScoped
public class TrendService {

    /** The period length. */
    public enum Interval {
        MONTH, QUARTER, YEAR
    }

    private final ReadSnapshot snapshot;
    private final SmallCellPolicy policy;
    private final AggregateCounts aggregates;
    private final RawCounts raw;
    private final StatsService stats;

    TrendService(SmallCellPolicy policy, AggregateCounts aggregates, RawCounts raw,
            StatsService stats, ReadSnapshot snapshot) {
        this.snapshot = snapshot;
        this.policy = policy;
        this.aggregates = aggregates;
        this.raw = raw;
        this.stats = stats;
    }

    @Transactional
    public TrendResponse trend(CountRequest request, Interval interval, boolean onset) {
        snapshot.begin();
        Optional<Tally.Monthly> fromCells = aggregates.monthly(request, onset);
        List<Tally.Monthly> neighbours = request.differingByOneFilter().stream()
                .map(r -> aggregates.monthly(r, onset).orElseGet(() -> raw.monthly(r, onset))).toList();
        return protect(request, interval, onset, fromCells.orElseGet(() -> raw.monthly(request, onset)), neighbours,
                fromCells.isPresent());
    }

    /** The same series, always recounted from the raw rows: what the aggregates are checked against. */
    @Transactional
    public TrendResponse recount(CountRequest request, Interval interval, boolean onset) {
        snapshot.begin();
        List<Tally.Monthly> neighbours = request.differingByOneFilter().stream().map(r -> raw.monthly(r, onset))
                .toList();
        return protect(request, interval, onset, raw.monthly(request, onset), neighbours, false);
    }

    private TrendResponse protect(CountRequest request, Interval interval, boolean onset, Tally.Monthly monthly,
            List<Tally.Monthly> neighbours, boolean fromCells) {
        Map<LocalDate, Long> periods = periods(monthly, interval);
        int n = periods.size();
        // The cells: every period, the missing count, the total.
        long[] cells = new long[n + 2];
        List<LocalDate> starts = new ArrayList<>(periods.keySet());
        for (int i = 0; i < n; i++) {
            cells[i] = periods.get(starts.get(i));
        }
        long missing = monthly.missing();
        cells[n] = missing;
        cells[n + 1] = monthly.total();
        List<long[]> aligned = new ArrayList<>();
        for (Tally.Monthly other : neighbours) {
            Map<LocalDate, Long> theirs = periods(other, interval);
            long[] same = new long[cells.length];
            for (int i = 0; i < n; i++) {
                same[i] = theirs.getOrDefault(starts.get(i), 0L);
            }
            same[n] = other.missing();
            same[n + 1] = other.total();
            aligned.add(same);
        }
        List<int[]> groups = new ArrayList<>();
        int[] all = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            all[i] = i;
        }
        groups.add(all); // the total
        if (interval != Interval.YEAR) {
            groups.addAll(within(starts, d -> String.valueOf(d.getYear())));
        }
        if (interval == Interval.MONTH) {
            groups.addAll(within(starts, d -> d.getYear() + "Q" + ((d.getMonthValue() - 1) / 3 + 1)));
        }
        BitSet hidden = policy.suppress(cells, groups, policy.differences(cells, aligned));
        List<TrendResponse.Point> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean suppressed = hidden.get(i);
            series.add(new TrendResponse.Point(label(starts.get(i), interval), starts.get(i).toString(),
                    suppressed ? null : cells[i], suppressed));
        }
        CountResponse.Meta meta = stats.meta(request, monthly.total(), hidden.get(n + 1), fromCells, List.of(), n, 0, n);
        return new TrendResponse(meta, interval.name(), onset ? "onset" : "received", series,
                new CountResponse.Missing("onsetDate", hidden.get(n) ? null : missing, hidden.get(n)));
    }

    private static Map<LocalDate, Long> periods(Tally.Monthly monthly, Interval interval) {
        Map<LocalDate, Long> periods = new TreeMap<>();
        for (Tally.Month m : monthly.months()) {
            periods.merge(start(m.start(), interval), m.n(), Long::sum);
        }
        return periods;
    }

    private static LocalDate start(LocalDate month, Interval interval) {
        return switch (interval) {
            case MONTH -> month;
            case QUARTER -> month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> month.withMonth(1);
        };
    }

    private static List<int[]> within(List<LocalDate> starts, java.util.function.Function<LocalDate, String> key) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            groups.computeIfAbsent(key.apply(starts.get(i)), k -> new ArrayList<>()).add(i);
        }
        return groups.values().stream().map(ix -> ix.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    private static String label(LocalDate start, Interval interval) {
        return switch (interval) {
            case MONTH -> "%d-%02d".formatted(start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }
}
