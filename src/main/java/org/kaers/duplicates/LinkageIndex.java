package org.kaers.duplicates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The linkage index (V73): each indexed case's keys ({@link LinkageKeys}) in {@code duplicate_key} and how many
 * cases have each key in {@code duplicate_value_count}, kept by screening in its own transaction. Gives a batch
 * of screened cases their candidates (one join on the indexed keys) and their values' shares (one read of the
 * count table), so that the cost of screening a case does not grow with the number of stored cases. Called inside
 * the service's transactions; the only writer of both tables.
 */
@ApplicationScoped
class LinkageIndex {

    private final EntityManager em;
    private final ObjectMapper json;

    LinkageIndex(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /**
     * Replaces the keys of the cases {@code ids} with those of their latest versions ({@code active}: the ones still
     * active; a case not among them, nullified, leaves the index), in one statement each, and returns how the counts
     * move: {@link #counts} reads them with this difference and {@link #move} writes it, as the transaction's last
     * statement. The count rows are few and shared by every screening (the {@code CASE} row by all of them), so a
     * transaction that locked them at its start would hold every other screening, the API's included, until its
     * commit (issue 16: one worker batch of 200 cases held the intake's answers for seconds).
     */
    @SuppressWarnings("unchecked")
    Map<LinkageKeys.Key, Integer> replace(Collection<Long> ids, List<CaseFeatures> active) {
        Map<LinkageKeys.Key, Integer> delta = new TreeMap<>(
                java.util.Comparator.comparing(LinkageKeys.Key::field).thenComparing(LinkageKeys.Key::value));
        List<Object[]> gone = em.createNativeQuery("with gone as (delete from duplicate_key"
                        + " where case_id = any(cast(string_to_array(?1, ',') as bigint[])) returning field, value)"
                        + " select field, value from gone")
                .setParameter(
                        1, String.join(",", ids.stream().map(String::valueOf).toList()))
                .getResultList();
        gone.forEach(r -> delta.merge(new LinkageKeys.Key((String) r[0], (String) r[1]), -1, Integer::sum));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CaseFeatures c : active) {
            for (LinkageKeys.Key k : LinkageKeys.of(c)) {
                rows.add(Map.of("case_id", c.id(), "field", k.field(), "value", k.value()));
                delta.merge(k, 1, Integer::sum);
            }
        }
        if (!rows.isEmpty()) {
            em.createNativeQuery("insert into duplicate_key (field, value, case_id, received_at)"
                            + " select k.field, k.value, k.case_id, c.received_at"
                            + " from jsonb_to_recordset(cast(?1 as jsonb)) as k(case_id bigint, field text, value text)"
                            + " join case_report c on c.id = k.case_id")
                    .setParameter(1, write(rows))
                    .executeUpdate();
        }
        delta.values().removeIf(d -> d == 0);
        return delta;
    }

    /**
     * Moves the counts by {@code delta} (from {@link #replace}) in one statement, in key order, so that two screening
     * transactions never deadlock on them; called last, just before the commit, so that the rows stay locked briefly.
     */
    void move(Map<LinkageKeys.Key, Integer> delta) {
        List<Map<String, Object>> changes = new ArrayList<>();
        delta.forEach((k, d) -> {
            if (d != 0) {
                changes.add(Map.of("field", k.field(), "value", k.value(), "delta", d));
            }
        });
        if (!changes.isEmpty()) {
            em.createNativeQuery(
                            "insert into duplicate_value_count (field, value, cases)"
                                    + " select field, value, delta from jsonb_to_recordset(cast(?1 as jsonb))"
                                    + "   as d(field text, value text, delta integer) order by field, value"
                                    + " on conflict (field, value) do update set cases = duplicate_value_count.cases + excluded.cases")
                    .setParameter(1, write(changes))
                    .executeUpdate();
        }
    }

    /**
     * The shares of the batch's own values among indexed cases and the spread of onsets, read from the count table
     * in one query. How many pseudo-cases the prior shares weigh: a young database knows little, so its shares start
     * from priors shaped like the real data (DOMAIN.md: long tails of products and terms) and move to the counted
     * shares as cases accumulate. {@code pending}: the batch's own difference ({@link #replace}), not yet written.
     */
    @SuppressWarnings("unchecked")
    Counts counts(List<CaseFeatures> batch, Map<LinkageKeys.Key, Integer> pending) {
        Set<LinkageKeys.Key> wanted = new java.util.LinkedHashSet<>();
        wanted.add(new LinkageKeys.Key(LinkageKeys.CASE, ""));
        batch.forEach(c -> wanted.addAll(LinkageKeys.of(c)));
        List<Map<String, Object>> keys = wanted.stream()
                .map(k -> Map.<String, Object>of("field", k.field(), "value", k.value()))
                .toList();
        List<Object[]> rows = em.createNativeQuery("select v.field, v.value, v.cases from duplicate_value_count v"
                        + " join jsonb_to_recordset(cast(?1 as jsonb)) as k(field text, value text)"
                        + "   on k.field = v.field and k.value = v.value")
                .setParameter(1, write(keys))
                .getResultList();
        Map<LinkageKeys.Key, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(new LinkageKeys.Key((String) r[0], (String) r[1]), ((Number) r[2]).longValue()));
        wanted.forEach(k -> {
            Integer d = pending.get(k);
            if (d != null) {
                counts.merge(k, (long) d, Long::sum);
            }
        });
        Object[] span =
                (Object[]) em.createNativeQuery("select min(value), max(value) from duplicate_key where field = ?1")
                        .setParameter(1, LinkageField.ONSET_DATE.name())
                        .getSingleResult();
        double days = span[0] == null
                ? 365
                : java.time.temporal.ChronoUnit.DAYS.between(
                        java.time.LocalDate.parse((String) span[0]), java.time.LocalDate.parse((String) span[1]));
        return new Counts(counts, days);
    }

    /** Counts of keys among indexed cases, and the spread of their onsets; see {@link #frequencies()}. */
    record Counts(Map<LinkageKeys.Key, Long> byKey, double onsetSpanDays) {

        static final double PRIOR_WEIGHT = 1000;
        private static final Map<LinkageField, Double> PRIOR = Map.of(
                LinkageField.SEX,
                0.5,
                LinkageField.COUNTRY,
                0.5,
                LinkageField.PRODUCTS,
                0.01,
                LinkageField.VENDOR,
                0.01,
                LinkageField.LOT,
                0.001,
                LinkageField.REACTIONS,
                0.02);

        long of(LinkageKeys.Key key) {
            return byKey.getOrDefault(key, 0L);
        }

        /**
         * A value's share: (its count + the prior's pseudo-counts) / (indexed cases + the prior's weight); a value
         * not counted (the other case's only) is as rare as one case.
         */
        Frequencies frequencies() {
            double n = of(new LinkageKeys.Key(LinkageKeys.CASE, "")) + PRIOR_WEIGHT;
            return new Frequencies() {
                @Override
                public double share(LinkageField field, String value) {
                    long count = Math.max(1, of(new LinkageKeys.Key(field.name(), value)));
                    return (count + PRIOR_WEIGHT * PRIOR.get(field)) / n;
                }

                @Override
                public double onsetSpanDays() {
                    return onsetSpanDays;
                }
            };
        }
    }

    /** Each screened case's candidates (by id, the most recent first) and the version each candidate is at. */
    record Candidates(Map<Long, List<Long>> byCase, Map<Long, Integer> versions) {}

    /**
     * For each screened case (by id, its probes), the indexed cases sharing a probe with it, the most recently
     * received first, at most {@code max} per case, with the version each is at now: one query. Each probe reads at
     * most {@code max} entries of the index in receipt order ({@code duplicate_key_recent_idx}, V90), so a key shared
     * by thousands of cases costs what a rare one does; the per-case top {@code max} of the union of the probes' top
     * {@code max} lists is the top {@code max} of all their hits. A case nullified since its last screening is still
     * in the index until it is screened again (it is queued): it takes a place among the {@code max} and is left out
     * of the answer, so such a case can have fewer than {@code max} candidates for that while.
     *
     * <p>The planner estimates a key's entries from the average (tens) and would read a large key whole with a bitmap
     * scan and sort it (1.5 s for a batch of 200 on the load harness's data, against 0.25 s in index order), so bitmap
     * scans are off for this one statement (transaction-local, restored after it).
     */
    @SuppressWarnings("unchecked")
    Candidates candidates(Map<Long, Set<LinkageKeys.Key>> probes, int max) {
        List<Map<String, Object>> rows = new ArrayList<>();
        probes.forEach((id, keys) ->
                keys.forEach(k -> rows.add(Map.of("case_id", id, "field", k.field(), "value", k.value()))));
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        Map<Long, Integer> versions = new HashMap<>();
        if (rows.isEmpty()) {
            return new Candidates(out, versions);
        }
        Object[] bitmaps = (Object[]) em.createNativeQuery(
                        "select current_setting('enable_bitmapscan'), set_config('enable_bitmapscan', 'off', true)")
                .getSingleResult();
        List<Object[]> found = em.createNativeQuery("with hit as (select p.case_id as screened, h.case_id as candidate,"
                        + "   max(h.received_at) as received_at"
                        + "   from jsonb_to_recordset(cast(?1 as jsonb)) as p(case_id bigint, field text, value text)"
                        + "   cross join lateral (select k.case_id, k.received_at from duplicate_key k"
                        + "     where k.field = p.field and k.value = p.value and k.case_id <> p.case_id"
                        + "     order by k.received_at desc, k.case_id desc limit ?2) h"
                        + "   group by p.case_id, h.case_id),"
                        + " top as (select screened, candidate, row_number() over"
                        + "   (partition by screened order by received_at desc, candidate desc) as n from hit)"
                        + " select t.screened, t.candidate, c.current_version from top t"
                        + " join case_report c on c.id = t.candidate and c.status = 'ACTIVE'"
                        + " where t.n <= ?2 order by t.screened, t.n")
                .setParameter(1, write(rows))
                .setParameter(2, max)
                .getResultList();
        em.createNativeQuery("select set_config('enable_bitmapscan', ?1, true)")
                .setParameter(1, bitmaps[0])
                .getSingleResult();
        found.forEach(r -> {
            long candidate = ((Number) r[1]).longValue();
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(candidate);
            versions.put(candidate, ((Number) r[2]).intValue());
        });
        return new Candidates(out, versions);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write index keys", e);
        }
    }
}
