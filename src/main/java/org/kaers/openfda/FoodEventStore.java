package org.kaers.openfda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kaers.statistics.disclosure.Disclosure;

/**
 * The SQL of food/event over the view {@code openfda_food_event} (V80, over V82's materialised records): totals,
 * pages of records and counts, each
 * with the sum of the disclosure keys of its cases (for statistics.disclosure; never released). Conditions come
 * from {@link SearchSql}; every request value is a bind parameter.
 */
@ApplicationScoped
class FoodEventStore {

    /** Live: the latest version of every counted case (reviewers, administrators). */
    static final String FROM_LIVE = " from openfda_food_event e";
    /** Frozen: the case versions of the latest release (researchers; {@link Disclosure#frozen()}). */
    static final String FROM_RELEASED = " from openfda_food_event_released e";
    /**
     * System property for FoodEventBenchmark's before/after in one run: read the records as V80 computed them
     * (every record built per query, {@code openfda_food_event_computed}) instead of V82's materialised table.
     * Never set in service.
     */
    public static final String COMPUTED = "kaers.openfda.computed";

    private static final String FROM_LIVE_COMPUTED =
            " from (select * from openfda_food_event_computed where latest_active) e";
    private static final String FROM_RELEASED_COMPUTED = " from (select c.* from openfda_food_event_computed c"
            + " join stats_release_case rc on rc.version_id = c.version_id) e";
    private static final String RECORD = """
            json_build_object('report_number', e.report_number, 'date_created', to_char(e.date_created, 'YYYYMMDD'),
                'date_started', to_char(e.date_started, 'YYYYMMDD'), 'outcomes', e.outcomes, 'reactions', e.reactions,
                'consumer', json_build_object('age', e.consumer_age, 'age_unit', e.consumer_age_unit,
                    'gender', e.consumer_gender),
                'products', coalesce((select json_agg(json_build_object('role', p.r, 'name_brand', p.n,
                        'industry_code', p.c, 'industry_name', p.i) order by p.o)
                    from unnest(e.products_role, e.products_name_brand, e.products_industry_code,
                        e.products_industry_name) with ordinality p(r, n, c, i, o)), '[]'::json))::text""";

    private final EntityManager em;
    private final ObjectMapper json;
    private final Disclosure disclosure;

    FoodEventStore(EntityManager em, ObjectMapper json, Disclosure disclosure) {
        this.em = em;
        this.disclosure = disclosure;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A number of cases and the sum of their keys. */
    record Cell(long n, long keySum) {}

    /** A count bucket: a term (or a day, YYYYMMDD) and its cases. */
    record Bucket(String term, Cell cell) {}

    /** A record with the values it sorts by (the search_after token of the last one names the next page). */
    record Row(FoodEventResponses.FoodEvent event, List<String> sortValues) {}

    Cell total(String where, Map<String, Object> params) {
        Object[] r = (Object[]) bind(
                        em.createNativeQuery("select count(*), coalesce(sum(e.ckey), 0)" + from() + " where " + where),
                        params)
                .getSingleResult();
        return new Cell(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    /**
     * A page of records in the order of {@code sort} (then by report number, openFDA's tie-break by document id),
     * after the row named by {@code after} when given, else from {@code skip}.
     */
    List<Row> page(String where, SearchSql sql, FoodEventRequest.Sort sort, List<String> after, int skip, int limit) {
        String key = sortKey(sort);
        String rn = "(e.report_number collate \"C\")";
        String condition = where;
        if (after != null) {
            condition = "(" + where + ") and " + after(sql, sort, key, rn, after);
        }
        String order =
                key == null ? rn : "(" + key + ") is null, " + key + (sort.descending() ? " desc" : "") + ", " + rn;
        @SuppressWarnings("unchecked")
        List<Object[]> found = bind(
                        em.createNativeQuery("select " + RECORD + ", " + (key == null ? "null" : key)
                                + ", e.report_number" + from() + " where " + condition + " order by " + order),
                        sql.params())
                .setFirstResult(skip)
                .setMaxResults(limit)
                .getResultList();
        List<Row> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            List<String> values = new ArrayList<>();
            if (key != null) {
                values.add(r[1] == null ? "" : r[1].toString());
            }
            values.add((String) r[2]);
            out.add(new Row(read((String) r[0]), values));
        }
        return out;
    }

    /** The cases of each value of a field (each case once per value), in no particular order. */
    List<Bucket> count(String where, Map<String, Object> params, FoodEventField.Ref field) {
        FoodEventField f = field.field();
        String column = f.column();
        String values;
        if (f.kind() == FoodEventField.Kind.DATE) {
            values = "(select to_char(" + column + ", 'YYYYMMDD') as term where " + column + " is not null)";
        } else {
            String elements = f.array() ? column : "array[" + column + "]";
            values = field.kind() == FoodEventField.Kind.TEXT
                    ? "(select distinct w as term from unnest(" + elements + ") x, regexp_split_to_table(lower(x), "
                            + "'[^[:alnum:]]+') w where w <> '')"
                    : "(select distinct x as term from unnest(" + elements + ") x where x is not null and x <> '')";
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = bind(
                        em.createNativeQuery("select u.term, count(*), sum(e.ckey)" + from() + " cross join lateral "
                                + values + " u where " + where + " group by u.term"),
                        params)
                .getResultList();
        List<Bucket> out = new ArrayList<>(found.size());
        for (Object[] r : found) {
            out.add(new Bucket((String) r[0], new Cell(((Number) r[1]).longValue(), ((Number) r[2]).longValue())));
        }
        return out;
    }

    /** The view the caller's answers are read from: the latest release for researchers, live for the others. */
    private String from() {
        if (Boolean.getBoolean(COMPUTED)) {
            return disclosure.frozen() ? FROM_RELEASED_COMPUTED : FROM_LIVE_COMPUTED;
        }
        return disclosure.frozen() ? FROM_RELEASED : FROM_LIVE;
    }

    /** openFDA's {@code meta.last_updated}: for researchers the day the latest release was cut (never a live time). */
    String lastUpdated() {
        Object r = em.createNativeQuery(
                        disclosure.frozen()
                                ? "select to_char(max(cut_at) at time zone 'UTC', 'YYYY-MM-DD') from stats_release"
                                : "select to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD') from case_report")
                .getSingleResult();
        return r == null ? null : r.toString();
    }

    /** The expression a sort orders by, as text (dates as YYYYMMDD; arrays by their least or greatest value). */
    private static String sortKey(FoodEventRequest.Sort sort) {
        if (sort.field() == null) {
            return null;
        }
        FoodEventField f = sort.field().field();
        if (f.kind() == FoodEventField.Kind.DATE) {
            return "to_char(" + f.column() + ", 'YYYYMMDD')";
        }
        if (f.array()) {
            return "(select " + (sort.descending() ? "max" : "min") + "(x collate \"C\") from unnest(" + f.column()
                    + ") x)";
        }
        return "(" + f.column() + " collate \"C\")";
    }

    /** The rows after the last one of the previous page (missing sort values last, as Elasticsearch puts them). */
    private static String after(SearchSql sql, FoodEventRequest.Sort sort, String key, String rn, List<String> after) {
        if (after.size() != (key == null ? 1 : 2)) {
            throw OpenFdaError.badRequest("Invalid search_after parameter value.");
        }
        String last = sql.bind(after.get(after.size() - 1));
        if (key == null) {
            return rn + " > " + last;
        }
        if (after.get(0).isEmpty()) {
            return "((" + key + ") is null and " + rn + " > " + last + ")";
        }
        String value = sql.bind(after.get(0));
        String beyond = sort.descending() ? " < " : " > ";
        return "((" + key + ")" + beyond + value + " or ((" + key + ") = " + value + " and " + rn + " > " + last
                + ") or (" + key + ") is null)";
    }

    private FoodEventResponses.FoodEvent read(String record) {
        try {
            return json.readValue(record, FoodEventResponses.FoodEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("food/event record", e);
        }
    }

    private static Query bind(Query q, Map<String, Object> params) {
        params.forEach(q::setParameter);
        return q;
    }
}
