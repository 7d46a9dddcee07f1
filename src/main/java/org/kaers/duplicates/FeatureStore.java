package org.kaers.duplicates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kaers.duplicates.model.NormalisedKeys;

/**
 * Reads what linkage compares from the stored cases (latest versions of active cases, as coded now), for a batch of
 * cases in one query. SQL over the report and vocabulary tables; reads only. The candidates' values are read through
 * a cache of their versions' own values ({@link #candidates}): a stored version never changes, its coding may, so
 * the coding is read for each batch.
 */
@ApplicationScoped
class FeatureStore {

    private static final String LATEST_FROM =
            " from case_report c join case_version v on v.case_id = c.id and v.version = c.current_version";
    private static final String LOT_KEY = NormalisedKeys.LOT_SQL;
    private static final String VENDOR_KEY = NormalisedKeys.VENDOR_SQL;
    private static final String PRODUCT_KEY = "coalesce('P' || pnc.product_id, 'N' || lower(p.name_reported))";
    private static final String REACTION_KEY = "coalesce('T' || vc.term_id, 'V' || lower(r.verbatim))";

    /**
     * How many versions' own values the cache keeps (about 300 bytes each, their values shared), the most recently
     * used: screening takes the most recently received candidates first, so the recent cases are the ones read again.
     */
    static final int CACHED_VERSIONS = 100_000;

    /** At most this many distinct values are shared between the cached versions (then sharing starts again). */
    private static final int SHARED_VALUES = 200_000;

    private final EntityManager em;
    private final ObjectMapper json;

    /** By case id; a case's entry holds the version it was read at. Shared by the worker and the API's screening. */
    private final Map<Long, Stored> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Stored> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    /**
     * One instance of each value the cached versions hold (names, verbatims, vendors, onsets, ages repeat across
     * cases), so that the cache costs little more than its references.
     */
    private final Map<Object, Object> shared = new ConcurrentHashMap<>();

    FeatureStore(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    Optional<CaseFeatures> features(long caseId) {
        List<CaseFeatures> found = features(List.of(caseId));
        return found.stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    List<CaseFeatures> features(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("select c.id, c.case_number, v.patient_age_value,"
                        + " v.patient_age_unit, v.patient_sex, v.reporter_country, v.centre_reference, re.onset,"
                        + " pr.products, pr.vendors, pr.lots, re.reactions"
                        + LATEST_FROM
                        // one pass over a version's products and one over its reactions (issue 16: a subquery
                        // per field read each list two or three times)
                        + " left join lateral (select string_agg(distinct " + PRODUCT_KEY + ", '|') as products,"
                        + "   string_agg(distinct " + VENDOR_KEY + ", '|') as vendors,"
                        + "   string_agg(distinct " + LOT_KEY + ", '|') as lots from case_product p"
                        + "   left join product_name_coding pnc on pnc.name = p.name_reported"
                        + "   where p.case_version_id = v.id) pr on true"
                        + " left join lateral (select min(r.onset_date) as onset,"
                        + "   string_agg(distinct " + REACTION_KEY + ", '|') as reactions from case_reaction r"
                        + "   left join verbatim_coding vc on vc.verbatim = r.verbatim"
                        + "   where r.case_version_id = v.id) re on true"
                        + " where c.status = 'ACTIVE' and c.id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        return rows.stream().map(FeatureStore::toFeatures).toList();
    }

    /**
     * A version's own values, before coding: its products' and reactions' texts (each as reported, then lower-cased
     * by PostgreSQL as the keys are: {@link #texts}), everything else in {@code own} (whose products and reactions
     * are empty).
     */
    private record Stored(int version, CaseFeatures own, String[] products, String[] reactions) {}

    /**
     * The features of candidates, given the version each is at ({@link LinkageIndex#candidates} reads it with
     * them): exactly what {@link #features(Collection)} reads for them, in at most three queries whatever the number
     * of candidates: the versions not cached, the coding of the products' names and that of the verbatims (as coded
     * now). Issue 16: reading every candidate's rows again for each batch was the screening's heaviest statement.
     */
    List<CaseFeatures> candidates(Map<Long, Integer> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        List<Stored> found = new ArrayList<>(versions.size());
        List<Long> missing = new ArrayList<>();
        synchronized (cache) {
            versions.forEach((id, version) -> {
                Stored s = cache.get(id);
                if (s != null && s.version() == version) {
                    found.add(s);
                } else {
                    missing.add(id);
                }
            });
        }
        List<Stored> read = stored(missing);
        synchronized (cache) {
            read.forEach(s -> cache.put(s.own().id(), s));
        }
        found.addAll(read);
        Set<String> names = new HashSet<>();
        Set<String> verbatims = new HashSet<>();
        found.forEach(s -> {
            for (int i = 0; i < s.products().length; i += 2) {
                names.add(s.products()[i]);
            }
            for (int i = 0; i < s.reactions().length; i += 2) {
                verbatims.add(s.reactions()[i]);
            }
        });
        Map<String, String> products = coded(
                "select name, 'P' || product_id from product_name_coding where product_id is not null and name ="
                        + " any(array(select jsonb_array_elements_text(cast(?1 as jsonb))))",
                names);
        Map<String, String> terms = coded(
                "select verbatim, 'T' || term_id from verbatim_coding where term_id is not null and verbatim ="
                        + " any(array(select jsonb_array_elements_text(cast(?1 as jsonb))))",
                verbatims);
        return found.stream()
                .map(s -> {
                    CaseFeatures own = s.own();
                    return new CaseFeatures(
                            own.id(),
                            own.caseNumber(),
                            own.ageYears(),
                            own.sex(),
                            own.country(),
                            own.onset(),
                            keys(s.products(), products, "N"),
                            own.vendors(),
                            own.lots(),
                            keys(s.reactions(), terms, "V"),
                            own.centreReference());
                })
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Stored> stored(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createNativeQuery("select c.id, c.case_number, v.patient_age_value,"
                        + " v.patient_age_unit, v.patient_sex, v.reporter_country, v.centre_reference, re.onset,"
                        + " pr.names, pr.vendors, pr.lots, re.verbatims, c.current_version"
                        + LATEST_FROM
                        + " left join lateral (select cast(json_agg(json_build_array(p.name_reported,"
                        + "   lower(p.name_reported))) as text) as names,"
                        + "   string_agg(distinct " + VENDOR_KEY + ", '|') as vendors,"
                        + "   string_agg(distinct " + LOT_KEY + ", '|') as lots from case_product p"
                        + "   where p.case_version_id = v.id) pr on true"
                        + " left join lateral (select min(r.onset_date) as onset, cast(json_agg(json_build_array("
                        + "   r.verbatim, lower(r.verbatim))) as text) as verbatims from case_reaction r"
                        + "   where r.case_version_id = v.id) re on true"
                        + " where c.status = 'ACTIVE' and c.id = any(cast(string_to_array(?1, ',') as bigint[]))")
                .setParameter(1, ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .getResultList();
        return rows.stream()
                .map(r -> new Stored(
                        ((Number) r[12]).intValue(),
                        new CaseFeatures(
                                ((Number) r[0]).longValue(),
                                (String) r[1],
                                shared(age(r)),
                                shared((String) r[4]),
                                shared(country(r)),
                                shared(onset(r)),
                                Set.of(),
                                shared(split(r[9])),
                                shared(split(r[10])),
                                Set.of(),
                                shared((String) r[6])),
                        texts(r[8]),
                        texts(r[11])))
                .toList();
    }

    /** The one instance of a value the cache holds. */
    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        if (value == null) {
            return null;
        }
        if (shared.size() > SHARED_VALUES) {
            shared.clear();
        }
        Object known = shared.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }

    /** The values, each {@link #shared}, in a compact set (the order of a candidate's values does not matter). */
    private Set<String> shared(Set<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(shared(v)));
        return Set.copyOf(out);
    }

    /** Text to its key, for the texts that are coded now. */
    @SuppressWarnings("unchecked")
    private Map<String, String> coded(String sql, Set<String> texts) {
        Map<String, String> keys = new HashMap<>();
        if (texts.isEmpty()) {
            return keys;
        }
        List<Object[]> rows =
                em.createNativeQuery(sql).setParameter(1, write(texts)).getResultList();
        rows.forEach(r -> keys.put((String) r[0], (String) r[1]));
        return keys;
    }

    /**
     * The keys of a version's texts as {@link #features(Collection)} makes them: the coded key, else the prefix and
     * the lower-cased text; split where the aggregate would be split.
     */
    private static Set<String> keys(String[] texts, Map<String, String> coded, String uncoded) {
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < texts.length; i += 2) {
            String key = coded.get(texts[i]);
            keys.addAll(split(key != null ? key : uncoded + texts[i + 1]));
        }
        return keys;
    }

    /** The aggregated [text, lower(text)] pairs flat, text then lower-cased text, each {@link #shared}. */
    private String[] texts(Object aggregated) {
        if (aggregated == null) {
            return new String[0];
        }
        List<List<String>> pairs;
        try {
            pairs = json.readValue(aggregated.toString(), new TypeReference<List<List<String>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a version's texts", e);
        }
        String[] flat = new String[2 * pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            String text = pairs.get(i).get(0);
            String lower = pairs.get(i).get(1);
            flat[2 * i] = shared(text);
            flat[2 * i + 1] = lower.equals(text) ? flat[2 * i] : shared(lower);
        }
        return flat;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write texts", e);
        }
    }

    private static CaseFeatures toFeatures(Object[] r) {
        return new CaseFeatures(
                ((Number) r[0]).longValue(),
                (String) r[1],
                age(r),
                (String) r[4],
                country(r),
                onset(r),
                split(r[8]),
                split(r[9]),
                split(r[10]),
                split(r[11]),
                (String) r[6]);
    }

    /** Age in years from the value and unit at 2 and 3. */
    private static Double age(Object[] r) {
        return r[2] == null ? null : years((BigDecimal) r[2], (String) r[3]);
    }

    private static String country(Object[] r) {
        return r[5] == null ? null : r[5].toString().strip();
    }

    private static LocalDate onset(Object[] r) {
        return r[7] == null ? null : r[7] instanceof LocalDate d ? d : ((Date) r[7]).toLocalDate();
    }

    private static Set<String> split(Object joined) {
        if (joined == null) {
            return Set.of();
        }
        return Arrays.stream(joined.toString().split("\\|"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static double years(BigDecimal value, String unit) {
        double v = value.doubleValue();
        return switch (unit == null ? "YEAR" : unit) {
            case "DECADE" -> v * 10;
            case "MONTH" -> v / 12;
            case "WEEK" -> v / 52.18;
            case "DAY" -> v / 365.25;
            case "HOUR" -> v / 8766;
            default -> v;
        };
    }
}
