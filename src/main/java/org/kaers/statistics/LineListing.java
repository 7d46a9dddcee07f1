package org.kaers.statistics;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.Violation;
import org.kaers.statistics.aggregates.AggregateStore;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.StatsPage;

/**
 * The de-identified line listing: one row per counted case, read from the aggregates' facts (so it follows
 * the counting rule and the coding of the moment), with coded and categorical values only: no case number,
 * no dates finer than a month, no exact age, no free text (verbatims and reported product names stay out),
 * no reporter or patient details, and uncurated products by id only (their name is a reporter's text).
 */
@ApplicationScoped
public class LineListing {

    /** Filters: a case matches a filter when it has any of its values; all filters must match. */
    static final List<Dimension> FILTERS = List.of(
            Dimension.PRODUCT,
            Dimension.SUBSTANCE,
            Dimension.PRODUCT_FORM,
            Dimension.SYMPTOM,
            Dimension.ORGAN_CLASS,
            Dimension.CRITERION,
            Dimension.SERIOUS,
            Dimension.AGE_GROUP,
            Dimension.SEX,
            Dimension.COUNTRY,
            Dimension.SOURCE,
            Dimension.EXPOSURE_REASON,
            Dimension.EXPOSURE_CHRONICITY,
            Dimension.EXPOSURE_SITE,
            Dimension.CARE_LEVEL,
            Dimension.MEDICAL_OUTCOME,
            Dimension.CAUSALITY);
    /**
     * Filter on the treatments given (poison-centre care; not a statistics dimension): a case matches when its
     * latest version lists any of the codes.
     */
    static final String TREATMENT = "treatment";

    /** Product labels: an uncurated product's name is a reporter's free text, listed by id until a reviewer curates it. */
    static final String PRODUCT_NAMES =
            "select id::text, case when curated then name else 'uncurated product ' || id end from product";

    static final String TERM_NAMES = "select code, preferred_name from symptom_term";
    /** The treatment codes of the fact's case's latest version (comma-separated, in the order given; no doses). */
    static final String TREATMENTS = "(select string_agg(e.treatment ->> 'code', ',' order by e.n) from case_report c"
            + " join case_version v on v.case_id = c.id and v.version = c.current_version"
            + " cross join lateral jsonb_array_elements(coalesce(v.poison_centre -> 'care' -> 'treatments', '[]'))"
            + " with ordinality as e(treatment, n) where c.id = f.case_id)";

    private final EntityManager em;
    private final PageReads pages;

    LineListing(EntityManager em, PageReads pages) {
        this.em = em;
        this.pages = pages;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "LineListingRow", description = "One counted case, de-identified.")
    public record Row(
            @Schema(description = "Position in the listing (not an identifier).", examples = "1")
            long row,

            @Schema(description = "Month of receipt.", examples = "2026-03")
            String receivedMonth,

            @Schema(description = "Month of the earliest reaction onset.", examples = "2026-02")
            String onsetMonth,

            @Schema(examples = "[\"Maeng Da kratom\"]") List<String> products,
            @Schema(examples = "[\"KRATOM\"]") List<String> substances,
            @Schema(examples = "[\"POWDER\"]") List<String> productForms,
            @Schema(examples = "[\"KT0031\"]") List<String> symptoms,
            @Schema(examples = "[\"Seizure\"]") List<String> symptomNames,
            @Schema(examples = "[\"NERVOUS_SYSTEM\"]") List<String> organClasses,
            boolean serious,
            @Schema(examples = "[\"HOSPITALIZATION\"]") List<String> criteria,
            @Schema(examples = "[\"RECOVERED\"]") List<String> outcomes,
            @Schema(examples = "ADULT") String ageGroup,
            @Schema(examples = "FEMALE") String sex,
            @Schema(examples = "US") String country,
            @Schema(examples = "DIRECT") String source,

            @Schema(description = "Poison-centre exposure reason (NPDS).", examples = "INTENTIONAL_ABUSE")
            String exposureReason,

            @Schema(examples = "ACUTE_ON_CHRONIC") String exposureChronicity,
            @Schema(examples = "OWN_RESIDENCE") String exposureSite,

            @Schema(description = "Level of care.", examples = "ADMITTED_CRITICAL_CARE")
            String careLevel,

            @Schema(description = "Medical outcome on the NPDS scale.", examples = "MAJOR")
            String medicalOutcome,

            @Schema(
                    description = "Treatment codes given (no doses), from the case's latest version.",
                    examples = "[\"NALOXONE\", \"INTUBATION_VENTILATION\"]")
            List<String> treatments,

            @Schema(
                    description = "PROBABLE_OR_BETTER when a current WHO-UMC assessment of the case is CERTAIN or "
                            + "PROBABLE; null otherwise.",
                    examples = "PROBABLE_OR_BETTER")
            String causality) {}

    /** The listing's filters (those of {@link #FILTERS}), checked; bad values are one 400 problem. */
    static CountRequest filters(CaseFilters cases, CodedFilters coded) {
        return StatsRequests.request(
                null,
                false,
                StatsRequests.Raw.of(cases, null, coded, null),
                new PageRequest(0, StatsPage.DEFAULT_SIZE),
                new ArrayList<>());
    }

    /** A page of the listing of the cases that match {@code request}'s filters and have any of the treatments. */
    public PageResponse<Row> page(CountRequest request, List<String> treatments, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        int i = 0;
        for (Map.Entry<Dimension, List<String>> filter : request.filters().entrySet()) {
            String name = "f" + i++;
            where.append(" and f.vals && cast(:").append(name).append(" as text[])");
            params.put(
                    name,
                    filter.getValue().stream()
                            .map(v -> filter.getKey().code() + "=" + v)
                            .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        }
        if (!treatments.isEmpty()) {
            where.append(" and exists (select 1 from case_report c join case_version v on v.case_id = c.id"
                    + " and v.version = c.current_version cross join lateral jsonb_array_elements("
                    + "coalesce(v.poison_centre -> 'care' -> 'treatments', '[]')) e"
                    + " where c.id = f.case_id and e ->> 'code' = any(cast(:treatments as text[])))");
            params.put("treatments", "{" + String.join(",", treatments) + "}");
        }
        LongSupplier total = () -> {
            var count = em.createNativeQuery("select count(*) from stats_fact f" + where);
            params.forEach(count::setParameter);
            return ((Number) count.getSingleResult()).longValue();
        };
        return pages.read(page, total, () -> {
            var rows = em.createNativeQuery("select f.period, f.vals::text, " + TREATMENTS + " from stats_fact f"
                    + where + " order by f.case_id");
            params.forEach(rows::setParameter);
            @SuppressWarnings("unchecked")
            List<Object[]> found = rows.setFirstResult(page.offset())
                    .setMaxResults(page.size())
                    .getResultList();
            Map<String, String> productNames = names(PRODUCT_NAMES);
            Map<String, String> termNames = names(TERM_NAMES);
            List<Row> out = new ArrayList<>(found.size());
            long position = page.offset();
            for (Object[] r : found) {
                out.add(row(
                        ++position, ((Number) r[0]).intValue(), (String) r[1], (String) r[2], productNames, termNames));
            }
            return out;
        });
    }

    /** The treatment filter's codes (comma-separated, any of them), each a known code, or a 400 naming it. */
    static List<String> treatments(String value) {
        if (value == null) {
            return List.of();
        }
        Set<String> known = new java.util.LinkedHashSet<>();
        for (org.kaers.report.model.Care.TreatmentCode code : org.kaers.report.model.Care.TreatmentCode.values()) {
            known.add(code.name());
        }
        List<String> out = new ArrayList<>();
        for (String code : value.split(",", -1)) {
            String c = code.strip();
            if (!known.contains(c)) {
                throw ApiProblem.invalid(
                        Violation.query(TREATMENT, "unknown treatment code; allowed: " + String.join(", ", known)));
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * One row of the listing from a fact's period (yyyymm), values (text of its text[]) and treatment codes (the
     * {@link #TREATMENTS} column: comma-separated, in the order given, or null).
     */
    static Row row(
            long position,
            int period,
            String vals,
            String treatments,
            Map<String, String> productNames,
            Map<String, String> termNames) {
        Map<String, List<String>> values = parse(vals);
        List<String> symptoms = values.getOrDefault("symptom", List.of());
        return new Row(
                position,
                "%d-%02d".formatted(period / 100, period % 100),
                single(values, AggregateStore.ONSET),
                values.getOrDefault("product", List.of()).stream()
                        .map(id -> productNames.getOrDefault(id, id))
                        .toList(),
                values.getOrDefault("substance", List.of()),
                values.getOrDefault("productForm", List.of()),
                symptoms,
                symptoms.stream().map(c -> termNames.getOrDefault(c, c)).toList(),
                values.getOrDefault("organClass", List.of()),
                "true".equals(single(values, "serious")),
                values.getOrDefault("criterion", List.of()),
                values.getOrDefault("outcome", List.of()),
                single(values, "ageGroup"),
                single(values, "sex"),
                single(values, "country"),
                single(values, "source"),
                single(values, Dimension.EXPOSURE_REASON.code()),
                single(values, Dimension.EXPOSURE_CHRONICITY.code()),
                single(values, Dimension.EXPOSURE_SITE.code()),
                single(values, Dimension.CARE_LEVEL.code()),
                single(values, Dimension.MEDICAL_OUTCOME.code()),
                treatments == null ? List.of() : List.of(treatments.split(",")),
                single(values, Dimension.CAUSALITY.code()));
    }

    /** The 'dimension=key' values of a fact, by dimension, without the empty (missing) ones and combined values. */
    private static Map<String, List<String>> parse(String array) {
        Map<String, List<String>> out = new HashMap<>();
        for (String v : splitArray(array)) {
            int eq = v.indexOf('=');
            if (eq <= 0 || v.startsWith(AggregateStore.ROW) || eq == v.length() - 1) {
                continue;
            }
            out.computeIfAbsent(v.substring(0, eq), k -> new ArrayList<>()).add(v.substring(eq + 1));
        }
        return out;
    }

    /** Splits PostgreSQL's text form of a text[] ({a,"b c",...}). */
    static List<String> splitArray(String array) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 1; i < array.length() - 1; i++) {
            char c = array.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    current.append(array.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (array.length() > 2) {
            out.add(current.toString());
        }
        return out;
    }

    private static String single(Map<String, List<String>> values, String dimension) {
        List<String> v = values.get(dimension);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private Map<String, String> names(String sql) {
        Map<String, String> out = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).getResultList();
        rows.forEach(r -> out.put((String) r[0], (String) r[1]));
        return out;
    }
}
