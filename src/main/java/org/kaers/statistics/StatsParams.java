package org.kaers.statistics;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kaers.common.PageRequest;
import org.kaers.common.QueryParams;
import org.kaers.report.AgeGroup;
import org.kaers.report.Care;
import org.kaers.report.CaseSource;
import org.kaers.report.Exposure;
import org.kaers.report.ProductRole;
import org.kaers.report.ReactionOutcome;
import org.kaers.report.ReporterQualification;
import org.kaers.report.SeriousnessCriterion;
import org.kaers.report.Sex;
import org.kaers.vocabulary.model.ProductForm;

/** Parses and validates the query of a count: unknown names or values are one 400 that lists what is allowed. */
final class StatsParams {

    static final int MAX_SIZE = 1000;
    private static final Pattern PRODUCT_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private StatsParams() {}

    /** A trend request: the filters, the interval and which date. */
    record TrendQuery(CountRequest request, TrendService.Interval interval, boolean onset) {}

    static CountRequest parse(MultivaluedMap<String, String> raw) {
        return parse(raw, Set.of(), q -> null, true);
    }

    /** Filters only (no dimensions, no paging): for other features that count under the statistics rules. */
    static CountRequest parseFilters(MultivaluedMap<String, String> raw) {
        return parse(raw, Set.of(), q -> null, false);
    }

    /** Filters of a summary: a product or a substance is required. */
    static CountRequest parseSummary(MultivaluedMap<String, String> raw) {
        CountRequest request = parse(
                raw,
                Set.of(),
                q -> {
                    if (raw.getFirst("product") == null && raw.getFirst("substance") == null) {
                        q.reject("substance", "give a substance (or a product) to summarise");
                    }
                    return null;
                },
                false);
        return request;
    }

    static TrendQuery parseTrend(MultivaluedMap<String, String> raw) {
        Object[] extra = new Object[2];
        CountRequest request = parse(
                raw,
                Set.of("interval", "date"),
                q -> {
                    TrendService.Interval interval = q.enumeration("interval", TrendService.Interval.class);
                    extra[0] = interval == null ? TrendService.Interval.MONTH : interval;
                    String date = q.string("date", 20);
                    if (date != null && !date.equals("received") && !date.equals("onset")) {
                        q.reject("date", "not one of the allowed values: received, onset");
                    }
                    extra[1] = "onset".equals(date);
                    return null;
                },
                false);
        return new TrendQuery(request, (TrendService.Interval) extra[0], (Boolean) extra[1]);
    }

    private static CountRequest parse(
            MultivaluedMap<String, String> raw,
            Set<String> extraNames,
            java.util.function.Function<QueryParams, Void> extras,
            boolean countMode) {
        Set<String> allowed = new HashSet<>(List.of("receivedFrom", "receivedTo"));
        if (countMode) {
            allowed.addAll(List.of("by", "page", "size"));
        }
        allowed.addAll(extraNames);
        Arrays.stream(Dimension.values()).forEach(d -> allowed.add(d.code()));
        QueryParams q = QueryParams.of(raw, allowed);
        extras.apply(q);
        List<Dimension> by = new ArrayList<>();
        String byValue = countMode ? q.string("by", 100) : null;
        if (byValue == null && countMode) {
            q.reject("by", "is required: one or two of " + Dimension.allowed() + ", comma-separated");
        } else if (byValue != null) {
            for (String code : byValue.split(",", -1)) {
                Dimension d = Dimension.byCode(code.strip());
                if (d == null) {
                    q.reject("by", "names something that is not a dimension; allowed: " + Dimension.allowed());
                } else if (by.contains(d)) {
                    q.reject("by", "names " + d.code() + " twice");
                } else {
                    by.add(d);
                }
            }
            if (by.size() > 2) {
                q.reject("by", "counts by at most two dimensions");
            } else if (by.isEmpty()) {
                q.reject("by", "names no dimension: one or two of " + Dimension.allowed() + ", comma-separated");
            }
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            String value = q.string(d.code(), 2000);
            if (value != null) {
                List<String> values = Arrays.stream(value.split(","))
                        .map(String::strip)
                        .filter(v -> !v.isEmpty())
                        .distinct()
                        .toList();
                List<String> bad = values.stream().filter(v -> !valid(d, v)).toList();
                if (bad.isEmpty() && !values.isEmpty()) {
                    filters.put(d, values);
                } else {
                    q.reject(d.code(), "invalid value(s) " + String.join(", ", bad) + "; " + expected(d));
                }
            }
        }
        var from = q.date("receivedFrom");
        var to = q.date("receivedTo");
        if (from != null && to != null && from.isAfter(to)) {
            q.reject("receivedTo", "must not be before receivedFrom");
        }
        int page = q.integer("page", 0, 0, 1_000_000);
        int size = q.integer("size", 100, 1, MAX_SIZE);
        q.throwIfInvalid();
        return new CountRequest(List.copyOf(by), filters, from, to, new PageRequest(page, size));
    }

    private static boolean valid(Dimension d, String v) {
        return switch (d) {
            case PRODUCT -> PRODUCT_ID.matcher(v).matches();
            case COUNTRY -> COUNTRY.matcher(v).matches();
            case SERIOUS -> v.equals("true") || v.equals("false");
            case PRODUCT_NAME, VERBATIM -> v.length() <= 500;
            case SOURCE_OUTCOME -> v.length() <= 100;
            case SUBSTANCE, ORGAN_CLASS, SYMPTOM -> CODE.matcher(v).matches();
            default -> enumOf(d).contains(v);
        };
    }

    private static String expected(Dimension d) {
        return switch (d) {
            case PRODUCT -> "expected product ids (GET /api/v1/products)";
            case COUNTRY -> "expected ISO 3166-1 alpha-2 codes such as US";
            case SERIOUS -> "expected true or false";
            case PRODUCT_NAME, VERBATIM -> "expected texts of at most 500 characters";
            case SOURCE_OUTCOME ->
                "expected the source's outcome texts (at most 100 characters), such as VISITED AN ER";
            case SUBSTANCE -> "expected substance codes (GET /api/v1/substances)";
            case ORGAN_CLASS -> "expected organ class codes (GET /api/v1/vocabulary/organ-classes)";
            case SYMPTOM -> "expected term codes such as KT0015 (GET /api/v1/vocabulary/terms)";
            default -> "allowed: " + String.join(", ", enumOf(d));
        };
    }

    private static List<String> enumOf(Dimension d) {
        if (d == Dimension.CAUSALITY) {
            return List.of(Dimension.PROBABLE_OR_BETTER);
        }
        Class<? extends Enum<?>> type = switch (d) {
            case PRODUCT_FORM -> ProductForm.class;
            case PRODUCT_ROLE -> ProductRole.class;
            case OUTCOME -> ReactionOutcome.class;
            case CRITERION -> SeriousnessCriterion.class;
            case AGE_GROUP -> AgeGroup.class;
            case SEX -> Sex.class;
            case REPORTER_QUALIFICATION -> ReporterQualification.class;
            case SOURCE -> CaseSource.class;
            case EXPOSURE_REASON -> Exposure.Reason.class;
            case EXPOSURE_CHRONICITY -> Exposure.Chronicity.class;
            case EXPOSURE_SITE -> Exposure.Site.class;
            case CARE_LEVEL -> Care.Level.class;
            case MEDICAL_OUTCOME -> Care.MedicalOutcome.class;
            default -> throw new IllegalArgumentException(d.code());
        };
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toList());
    }
}
