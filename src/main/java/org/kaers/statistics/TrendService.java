package org.kaers.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    private final EntityManager em;
    private final SmallCellPolicy policy;

    TrendService(EntityManager em, SmallCellPolicy policy) {
        this.em = em;
        this.policy = policy;
    }

    @Transactional
    public TrendResponse trend(CountRequest request, Interval interval, boolean onset) {
        StatsService.limitQueryTime(em, policy);
        Map<String, Object> params = new HashMap<>();
        String with = StatsService.scope(request, params);
        String day = onset ? "(select min(r.onset_date) from case_reaction r where r.case_version_id = s.vid)"
                : "(s.received_at at time zone 'UTC')::date";
        String unit = interval.name().toLowerCase(java.util.Locale.ROOT);
        String sql = with + "select date_trunc('" + unit + "', " + day + ")::date as period, count(*) from scope s"
                + " where " + day + " is not null group by 1 order by 1";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = StatsService.bind(em.createNativeQuery(sql), params).getResultList();
        long missing = onset ? ((Number) StatsService.bind(em.createNativeQuery(
                with + "select count(*) from scope s where " + day + " is null"), params).getSingleResult()).longValue()
                : 0;
        long total = ((Number) StatsService.bind(em.createNativeQuery(with + "select count(*) from scope"), params)
                .getSingleResult()).longValue();

        int n = rows.size();
        long[] cells = new long[n + 1];
        List<LocalDate> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object start = rows.get(i)[0];
            starts.add(start instanceof LocalDate d ? d : ((java.sql.Date) start).toLocalDate());
            cells[i] = ((Number) rows.get(i)[1]).longValue();
        }
        cells[n] = missing;
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
        BitSet hidden = policy.suppress(cells, groups);
        List<TrendResponse.Point> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean suppressed = hidden.get(i);
            series.add(new TrendResponse.Point(label(starts.get(i), interval), starts.get(i).toString(),
                    suppressed ? null : cells[i], suppressed));
        }
        boolean totalHidden = policy.isSmall(total);
        Instant lastUpdated = (Instant) em.createNativeQuery("select max(updated_at) from case_report", Instant.class)
                .getSingleResult();
        CountResponse.Meta meta = new CountResponse.Meta(CountingRule.CAUTION, CountingRule.TEXT, lastUpdated,
                List.of(), StatsService.understood(request), totalHidden ? null : total, totalHidden,
                policy.threshold(), n, 0, n);
        return new TrendResponse(meta, interval.name(), onset ? "onset" : "received", series,
                new CountResponse.Missing("onsetDate", hidden.get(n) ? null : missing, hidden.get(n)));
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
