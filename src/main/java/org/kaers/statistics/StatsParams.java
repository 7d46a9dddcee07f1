package org.kaers.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedMap;

import org.kaers.common.PageRequest;
import org.kaers.common.QueryParams;
import org.kaers.report.AgeGroup;
import org.kaers.report.CaseSource;
import org.kaers.report.ProductForm;
import org.kaers.report.ProductRole;
import org.kaers.report.ReactionOutcome;
import org.kaers.report.ReporterQualification;
import org.kaers.report.SeriousnessCriterion;
import org.kaers.report.Sex;

/** Parses and validates the query of a count: unknown names or values are one 400 that lists what is allowed. */
final class StatsParams {

    static final int MAX_SIZE = 1000;
    private static final Pattern PRODUCT_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private StatsParams() {
    }

    static CountRequest parse(MultivaluedMap<String, String> raw) {
        Set<String> allowed = new HashSet<>(List.of("by", "receivedFrom", "receivedTo", "page", "size"));
        Arrays.stream(Dimension.values()).forEach(d -> allowed.add(d.code()));
        QueryParams q = QueryParams.of(raw, allowed);
        List<Dimension> by = new ArrayList<>();
        String byValue = q.string("by", 100);
        if (byValue == null) {
            q.reject("by", "is required: one or two of " + Dimension.allowed() + ", comma-separated");
        } else {
            for (String code : byValue.split(",")) {
                Dimension d = Dimension.byCode(code.strip());
                if (d == null) {
                    q.reject("by", "'" + code.strip() + "' is not a dimension; allowed: " + Dimension.allowed());
                } else if (by.contains(d)) {
                    q.reject("by", "names " + d.code() + " twice");
                } else {
                    by.add(d);
                }
            }
            if (by.size() > 2) {
                q.reject("by", "counts by at most two dimensions");
            }
        }
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            String value = q.string(d.code(), 2000);
            if (value != null) {
                List<String> values = Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                        .distinct().toList();
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
            case SUBSTANCE -> "expected substance codes (GET /api/v1/substances)";
            case ORGAN_CLASS -> "expected organ class codes (GET /api/v1/vocabulary/organ-classes)";
            case SYMPTOM -> "expected term codes such as KT0015 (GET /api/v1/vocabulary/terms)";
            default -> "allowed: " + String.join(", ", enumOf(d));
        };
    }

    private static List<String> enumOf(Dimension d) {
        Class<? extends Enum<?>> type = switch (d) {
            case PRODUCT_FORM -> ProductForm.class;
            case PRODUCT_ROLE -> ProductRole.class;
            case OUTCOME -> ReactionOutcome.class;
            case CRITERION -> SeriousnessCriterion.class;
            case AGE_GROUP -> AgeGroup.class;
            case SEX -> Sex.class;
            case REPORTER_QUALIFICATION -> ReporterQualification.class;
            case SOURCE -> CaseSource.class;
            default -> throw new IllegalArgumentException(d.code());
        };
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toList());
    }
}
