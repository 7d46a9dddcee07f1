package org.kaers.clusters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster detection over the stored cases (latest versions of active cases), in SQL. A case's date is the
 * earliest reaction onset, else the day it was received (UTC).
 * <ul>
 * <li>LOT and VENDOR: at least {@code minCases} serious cases with the same normalised lot (upper case,
 * letters and digits only, without a leading "LOT") or vendor (lower case, letters and digits) dated in
 * the window of {@code windowDays} ending on {@code asOf}.</li>
 * <li>PRODUCT_WEEK: the historical-limits method poison centres use (after CDC's EARS C2): the week
 * ending on {@code asOf} against a baseline of the 8 weeks before a 1-week guard band; an alert when the
 * week has at least 3 cases of a product and more than mean + 3 sd (sd at least 0.5) of the baseline.</li>
 * </ul>
 */
@ApplicationScoped
class ClusterDetector {

    static final int BASELINE_WEEKS = 8;
    static final int GUARD_WEEKS = 1;
    static final int MIN_WEEK_CASES = 3;

    private static final String CASES = "with dated as (select c.id, c.case_number, v.id as vid, v.serious,"
            + " coalesce((select min(r.onset_date) from case_reaction r where r.case_version_id = v.id),"
            + " cast(c.received_at at time zone 'UTC' as date)) as d"
            + " from case_report c join case_version v on v.case_id = c.id and v.version = c.current_version"
            + " where c.status = 'ACTIVE') ";
    private static final String LOT_KEY = org.kaers.duplicates.model.NormalisedKeys.LOT_SQL;
    private static final String VENDOR_KEY = org.kaers.duplicates.model.NormalisedKeys.VENDOR_SQL;

    private final EntityManager em;

    ClusterDetector(EntityManager em) {
        this.em = em;
    }

    @Transactional
    List<ClusterAlert> detect(LocalDate asOf, int windowDays, int minCases) {
        List<ClusterAlert> alerts = new ArrayList<>();
        LocalDate from = asOf.minusDays(windowDays - 1L);
        alerts.addAll(shared("LOT", LOT_KEY, from, asOf, minCases));
        alerts.addAll(shared("VENDOR", VENDOR_KEY, from, asOf, minCases));
        alerts.addAll(weekly(asOf));
        return alerts;
    }

    @SuppressWarnings("unchecked")
    private List<ClusterAlert> shared(String kind, String key, LocalDate from, LocalDate to, int minCases) {
        List<Object[]> rows = em.createNativeQuery(CASES + "select " + key + " as k, count(distinct d.id),"
                        + " string_agg(distinct d.case_number, ',' order by d.case_number)"
                        + " from dated d join case_product p on p.case_version_id = d.vid"
                        + " where d.serious and d.d between ?1 and ?2 and " + key + " is not null"
                        + " group by 1 having count(distinct d.id) >= ?3 order by 2 desc, 1")
                .setParameter(1, from)
                .setParameter(2, to)
                .setParameter(3, minCases)
                .getResultList();
        return rows.stream()
                .map(r -> new ClusterAlert(
                        kind,
                        (String) r[0],
                        from,
                        to,
                        ((Number) r[1]).intValue(),
                        null,
                        null,
                        Arrays.asList(((String) r[2]).split(","))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<ClusterAlert> weekly(LocalDate asOf) {
        int weeks = 1 + GUARD_WEEKS + BASELINE_WEEKS;
        LocalDate start = asOf.minusDays(7L * weeks - 1);
        List<Object[]> rows = em.createNativeQuery(
                        CASES + "select pr.id, pr.name, cast(floor((cast(?1 as date) - d.d) / 7) as integer),"
                                + " count(distinct d.id), string_agg(distinct d.case_number, ',' order by d.case_number)"
                                + " from dated d join case_product p on p.case_version_id = d.vid"
                                + " join product_name_coding pnc on pnc.name = p.name_reported join product pr on pr.id = pnc.product_id"
                                + " where d.d between ?2 and ?1 group by 1, 2, 3")
                .setParameter(1, asOf)
                .setParameter(2, start)
                .getResultList();
        Map<Long, long[]> counts = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, String> current = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long product = ((Number) r[0]).longValue();
            int week = ((Number) r[2]).intValue();
            names.put(product, (String) r[1]);
            counts.computeIfAbsent(product, p -> new long[weeks])[week] = ((Number) r[3]).longValue();
            if (week == 0) {
                current.put(product, (String) r[4]);
            }
        }
        List<ClusterAlert> alerts = new ArrayList<>();
        counts.forEach((product, byWeek) -> {
            HistoricalLimit limit = HistoricalLimit.of(Arrays.copyOfRange(byWeek, 1 + GUARD_WEEKS, weeks));
            if (byWeek[0] >= MIN_WEEK_CASES && byWeek[0] > limit.limit()) {
                alerts.add(new ClusterAlert(
                        "PRODUCT_WEEK",
                        names.get(product),
                        asOf.minusDays(6),
                        asOf,
                        (int) byWeek[0],
                        limit.mean(),
                        limit.limit(),
                        Arrays.asList(current.get(product).split(","))));
            }
        });
        return alerts;
    }

    /** Mean and limit (mean + 3 sd, sd at least 0.5) of baseline weekly counts. */
    record HistoricalLimit(double mean, double limit) {
        static HistoricalLimit of(long[] baseline) {
            double mean = Arrays.stream(baseline).average().orElse(0);
            double variance = Arrays.stream(baseline)
                            .mapToDouble(c -> (c - mean) * (c - mean))
                            .sum()
                    / Math.max(baseline.length - 1, 1);
            double sd = Math.max(Math.sqrt(variance), 0.5);
            return new HistoricalLimit(round(mean), round(mean + 3 * sd));
        }

        private static double round(double x) {
            return Math.round(x * 1000) / 1000.0;
        }
    }
}
