package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kaers.statistics.model.ReadSide;

/**
 * Counts computed from the raw case rows at request time (plain SQL GROUP BY over the counted cases). Used for
 * what the aggregates cannot answer (see {@link AggregateCounts}), and as the recount they are checked against.
 */
@ApplicationScoped
class RawCounts {

    private final EntityManager em;
    private final org.kaers.statistics.disclosure.Disclosure disclosure;

    RawCounts(@ReadSide EntityManager em, org.kaers.statistics.disclosure.Disclosure disclosure) {
        this.em = em;
        this.disclosure = disclosure;
    }

    Tally counts(CountRequest request) {
        Map<String, Object> params = new HashMap<>();
        String with = scope(request, params);
        List<Dimension> by = request.by();
        Set<Dimension.Level> levels = new LinkedHashSet<>();
        by.forEach(d -> levels.add(d.level));
        // Each case once per group (distinct), so that the group's key sum adds each case's key once.
        StringBuilder select = new StringBuilder();
        StringBuilder group = new StringBuilder();
        StringBuilder notNull = new StringBuilder(" where true");
        for (int i = 0; i < by.size(); i++) {
            Dimension d = by.get(i);
            select.append(d.key)
                    .append(" as k")
                    .append(i)
                    .append(", ")
                    .append(d.label == null ? "null" : d.label)
                    .append(" as l")
                    .append(i)
                    .append(", ");
            group.append(i == 0 ? "" : ", ")
                    .append("g.k")
                    .append(i)
                    .append(", g.l")
                    .append(i);
            notNull.append(" and ").append(d.key).append(" is not null");
        }
        StringBuilder joins = new StringBuilder();
        levels.forEach(l -> joins.append(l.join));
        StringBuilder order = new StringBuilder(" order by n desc");
        for (int i = 0; i < by.size(); i++) {
            order.append(", g.k").append(i).append(" collate \"C\"");
        }
        String sql = with + "select " + group + ", count(*) as n, sum(g.ckey) as ks from (select distinct " + select
                + "s.cid, s.ckey from scope s" + joins + notNull + ") g group by " + group + order;
        @SuppressWarnings("unchecked")
        List<Object[]> found = bind(em.createNativeQuery(sql), params).getResultList();
        List<Tally.Row> rows = new ArrayList<>(found.size());
        for (Object[] r : found) {
            List<String> keys = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int d = 0; d < by.size(); d++) {
                keys.add(String.valueOf(r[2 * d]));
                labels.add(r[2 * d + 1] == null ? null : String.valueOf(r[2 * d + 1]));
            }
            rows.add(new Tally.Row(
                    keys,
                    labels,
                    ((Number) r[2 * by.size()]).longValue(),
                    ((Number) r[2 * by.size() + 1]).longValue()));
        }
        long[] missing = new long[by.size()];
        long[] missingKeys = new long[by.size()];
        for (int i = 0; i < by.size(); i++) {
            Dimension d = by.get(i);
            String missingSql = d.level == Dimension.Level.CASE
                    ? with + "select " + COUNT + " from scope s where " + d.key + " is null"
                    : with + "select " + COUNT + " from scope s where not " + d.level.exists(d.key + " is not null");
            long[] m = pair(missingSql, params);
            missing[i] = m[0];
            missingKeys[i] = m[1];
        }
        long[] total = pair(with + "select " + COUNT + " from scope s", params);
        return new Tally(rows, missing, total[0], missingKeys, total[1]);
    }

    /** Cases per month of receipt or of onset (the earliest reaction onset of the latest version). */
    Tally.Monthly monthly(CountRequest request, boolean onset) {
        Map<String, Object> params = new HashMap<>();
        String with = scope(request, params);
        String day = onset
                ? "(select min(r.onset_date) from case_reaction r where r.case_version_id = s.vid)"
                : "(s.received_at at time zone 'UTC')::date";
        @SuppressWarnings("unchecked")
        List<Object[]> found = bind(
                        em.createNativeQuery(with + "select date_trunc('month', " + day + ")::date as period, " + COUNT
                                + " from scope s where " + day + " is not null group by 1 order by 1"),
                        params)
                .getResultList();
        List<Tally.Month> months = new ArrayList<>(found.size());
        for (Object[] r : found) {
            LocalDate start = r[0] instanceof LocalDate d ? d : ((java.sql.Date) r[0]).toLocalDate();
            months.add(new Tally.Month(start, ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        long[] missing = onset
                ? pair(with + "select " + COUNT + " from scope s where " + day + " is null", params)
                : new long[2];
        long[] total = pair(with + "select " + COUNT + " from scope s", params);
        return new Tally.Monthly(months, missing[0], total[0], missing[1], total[1]);
    }

    /** Cases of the scope and the sum of their disclosure keys. */
    private static final String COUNT = "count(*), coalesce(sum(s.ckey), 0)";

    private long[] pair(String sql, Map<String, Object> params) {
        Object[] r = (Object[]) bind(em.createNativeQuery(sql), params).getSingleResult();
        return new long[] {((Number) r[0]).longValue(), ((Number) r[1]).longValue()};
    }

    /** The {@code with base, scope} prefix for a request's filters. */
    private String scope(CountRequest request, Map<String, Object> params) {
        return "with base as (" + CountingRule.scope(disclosure.caseScope()) + "), scope as (select * from base s"
                + where(request, params) + ") ";
    }

    private static String where(CountRequest request, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where true");
        if (request.receivedFrom() != null) {
            where.append(" and s.received_at >= :receivedFrom");
            params.put(
                    "receivedFrom",
                    request.receivedFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (request.receivedTo() != null) {
            where.append(" and s.received_at < :receivedTo");
            params.put(
                    "receivedTo",
                    request.receivedTo()
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant());
        }
        int i = 0;
        for (Map.Entry<Dimension, List<String>> filter : request.filters().entrySet()) {
            Dimension d = filter.getKey();
            String param = "f" + i++;
            params.put(param, filter.getValue());
            if (d.level == Dimension.Level.CASE) {
                where.append(" and ")
                        .append(d.key)
                        .append(" in (:")
                        .append(param)
                        .append(")");
            } else {
                where.append(" and ").append(d.level.exists(d.key + " in (:" + param + ")"));
            }
        }
        return where.toString();
    }

    static Query bind(Query query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }
}
