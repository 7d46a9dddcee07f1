package org.kaers.statistics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Case counts by one or two dimensions, computed in SQL over the counted cases (see {@link CountingRule}),
 * then protected by {@link SmallCellPolicy} over all groups before paging.
 */
@ApplicationScoped
public class StatsService {

    private final EntityManager em;
    private final SmallCellPolicy policy;

    StatsService(EntityManager em, SmallCellPolicy policy) {
        this.em = em;
        this.policy = policy;
    }

    @Transactional
    public CountResponse counts(CountRequest request) {
        limitQueryTime(em, policy);
        Map<String, Object> params = new HashMap<>();
        String with = scope(request, params);

        List<Dimension> by = request.by();
        Set<Dimension.Level> levels = new LinkedHashSet<>();
        by.forEach(d -> levels.add(d.level));
        StringBuilder select = new StringBuilder();
        StringBuilder group = new StringBuilder();
        StringBuilder notNull = new StringBuilder(" where true");
        for (int i = 0; i < by.size(); i++) {
            Dimension d = by.get(i);
            select.append(d.key).append(" as k").append(i).append(", ")
                    .append(d.label == null ? "null" : d.label).append(" as l").append(i).append(", ");
            group.append(i == 0 ? "" : ", ").append(d.key).append(d.label == null ? "" : ", " + d.label);
            notNull.append(" and ").append(d.key).append(" is not null");
        }
        StringBuilder joins = new StringBuilder();
        levels.forEach(l -> joins.append(l.join));
        StringBuilder order = new StringBuilder(" order by n desc");
        by.forEach(d -> order.append(", ").append(d.key).append(" collate \"C\""));
        String sql = with + "select " + select + "count(distinct s.cid) as n from scope s" + joins + notNull
                + " group by " + group + order;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql), params).getResultList();

        long total = ((Number) bind(em.createNativeQuery(with + "select count(*) from scope"), params)
                .getSingleResult()).longValue();
        List<long[]> missingCounts = new ArrayList<>();
        for (Dimension d : by) {
            String missingSql = d.level == Dimension.Level.CASE
                    ? with + "select count(*) from scope s where " + d.key + " is null"
                    : with + "select count(*) from scope s where not " + d.level.exists(d.key + " is not null");
            missingCounts.add(new long[] {((Number) bind(em.createNativeQuery(missingSql), params)
                    .getSingleResult()).longValue()});
        }

        // Small-cell protection over every group (all pages) and the missing cells.
        int n = rows.size();
        long[] cells = new long[n + (by.size() == 1 ? 1 : 0)];
        for (int i = 0; i < n; i++) {
            cells[i] = ((Number) rows.get(i)[2 * by.size()]).longValue();
        }
        List<int[]> groups = new ArrayList<>();
        if (by.size() == 1) {
            cells[n] = missingCounts.get(0)[0];
            int[] all = new int[n + 1];
            for (int i = 0; i <= n; i++) {
                all[i] = i;
            }
            groups.add(all);
        } else {
            for (int dim = 0; dim < 2; dim++) {
                Map<Object, List<Integer>> margin = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    margin.computeIfAbsent(rows.get(i)[2 * dim], k -> new ArrayList<>()).add(i);
                }
                margin.values().forEach(ix -> groups.add(ix.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        BitSet hidden = policy.suppress(cells, groups);

        List<CountResponse.Group> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] r = rows.get(i);
            List<String> keys = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int d = 0; d < by.size(); d++) {
                keys.add(String.valueOf(r[2 * d]));
                labels.add(r[2 * d + 1] == null ? null : String.valueOf(r[2 * d + 1]));
            }
            boolean suppressed = hidden.get(i);
            all.add(new CountResponse.Group(keys, labels, suppressed ? null : cells[i], suppressed));
        }
        List<CountResponse.Missing> missing = new ArrayList<>();
        for (int d = 0; d < by.size(); d++) {
            long count = missingCounts.get(d)[0];
            boolean suppressed = by.size() == 1 ? hidden.get(n) : policy.isSmall(count);
            missing.add(new CountResponse.Missing(by.get(d).code(), suppressed ? null : count, suppressed));
        }
        int from = Math.min(all.size(), request.page().offset());
        int to = Math.min(all.size(), from + request.page().size());
        boolean totalHidden = policy.isSmall(total);
        Instant lastUpdated = (Instant) em.createNativeQuery("select max(updated_at) from case_report", Instant.class)
                .getSingleResult();
        CountResponse.Meta meta = new CountResponse.Meta(CountingRule.CAUTION, CountingRule.TEXT, lastUpdated,
                by.stream().map(Dimension::code).toList(), understood(request), totalHidden ? null : total, totalHidden,
                policy.threshold(), all.size(), request.page().page(), request.page().size());
        return new CountResponse(meta, List.copyOf(all.subList(from, to)), missing);
    }

    /** The profile of a product or substance (or any filtered set of cases). */
    @Transactional
    public SummaryResponse summary(CountRequest filters) {
        CountResponse serious = counts(with(filters, Dimension.SERIOUS, 10));
        Long seriousCases = serious.results().stream().filter(g -> g.keys().get(0).equals("true")).findFirst()
                .map(CountResponse.Group::count).orElse(serious.meta().totalCasesSuppressed() ? null : 0L);
        Long total = serious.meta().totalCases();
        java.math.BigDecimal share = seriousCases == null || total == null || total == 0 ? null
                : java.math.BigDecimal.valueOf(seriousCases).divide(java.math.BigDecimal.valueOf(total), 3,
                        java.math.RoundingMode.HALF_UP);
        CountResponse.Meta meta = new CountResponse.Meta(serious.meta().disclaimer(), serious.meta().countingRule(),
                serious.meta().lastUpdated(), List.of(), serious.meta().filters(), total,
                serious.meta().totalCasesSuppressed(), serious.meta().smallCellThreshold(), 0, 0, 0);
        return new SummaryResponse(meta, seriousCases, share, section(with(filters, Dimension.SYMPTOM, 10)),
                section(with(filters, Dimension.OUTCOME, 100)), section(with(filters, Dimension.CRITERION, 100)),
                section(with(filters, Dimension.AGE_GROUP, 100)), section(with(filters, Dimension.SEX, 100)));
    }

    private SummaryResponse.Section section(CountRequest request) {
        CountResponse counts = counts(request);
        return new SummaryResponse.Section(counts.results(), counts.missing().get(0));
    }

    private static CountRequest with(CountRequest filters, Dimension by, int size) {
        return new CountRequest(List.of(by), filters.filters(), filters.receivedFrom(), filters.receivedTo(),
                new org.kaers.common.PageRequest(0, size));
    }

    /** Bounds every statement of the current transaction (PostgreSQL cancels it; ProblemMappers answers 503). */
    static void limitQueryTime(EntityManager em, SmallCellPolicy policy) {
        em.createNativeQuery("select set_config('statement_timeout', ?1, true)")
                .setParameter(1, policy.queryTimeoutMillis() + "ms").getSingleResult();
    }

    /** The {@code with base, scope} prefix for a request's filters. */
    static String scope(CountRequest request, Map<String, Object> params) {
        return "with base as (" + CountingRule.SCOPE + "), scope as (select * from base s"
                + where(request, params) + ") ";
    }

    private static String where(CountRequest request, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where true");
        if (request.receivedFrom() != null) {
            where.append(" and s.received_at >= :receivedFrom");
            params.put("receivedFrom", request.receivedFrom().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (request.receivedTo() != null) {
            where.append(" and s.received_at < :receivedTo");
            params.put("receivedTo", request.receivedTo().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        int i = 0;
        for (Map.Entry<Dimension, List<String>> filter : request.filters().entrySet()) {
            Dimension d = filter.getKey();
            String param = "f" + i++;
            params.put(param, filter.getValue());
            if (d.level == Dimension.Level.CASE) {
                where.append(" and ").append(d.key).append(" in (:").append(param).append(")");
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
