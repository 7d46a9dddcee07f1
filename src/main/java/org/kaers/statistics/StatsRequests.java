package org.kaers.statistics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.common.Violation;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.Care;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReportFilters;
import org.kaers.vocabulary.model.ProductForm;

/**
 * The rules of the statistics query values, applied to what the filter records ({@link CaseFilters},
 * {@link ReportFilters}, {@link CodedFilters}, {@link CountOnlyFilters}) bound: the dimensions of {@code by}, each
 * filter's comma-separated values (a case matches any of them), the receipt range. Every violation of one request
 * is reported together, in one 400 problem that says what is allowed.
 */
final class StatsRequests {

    private static final int MAX_FILTER = 2000;
    private static final Pattern PRODUCT_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private StatsRequests() {}

    /** The raw values of a request's filters, by dimension, and its receipt range (as bound, not yet checked). */
    static final class Raw {
        final Map<Dimension, String> values = new EnumMap<>(Dimension.class);
        String receivedFrom;
        String receivedTo;

        /**
         * The values of the given filter records (null: a record the endpoint does not take), read through their
         * accessors: the one place where a query parameter meets its dimension.
         */
        static Raw of(CaseFilters cases, ReportFilters reports, CodedFilters coded, CountOnlyFilters countOnly) {
            Raw raw = new Raw();
            if (cases != null) {
                raw.put(Dimension.SERIOUS, cases.serious());
                raw.put(Dimension.AGE_GROUP, cases.ageGroup());
                raw.put(Dimension.SEX, cases.sex());
                raw.put(Dimension.SOURCE, cases.source());
            }
            if (reports != null) {
                raw.put(Dimension.REPORTER_QUALIFICATION, reports.reporterQualification());
                raw.receivedFrom = reports.receivedFrom();
                raw.receivedTo = reports.receivedTo();
            }
            if (coded != null) {
                raw.put(Dimension.PRODUCT, coded.product());
                raw.put(Dimension.SUBSTANCE, coded.substance());
                raw.put(Dimension.PRODUCT_FORM, coded.productForm());
                raw.put(Dimension.SYMPTOM, coded.symptom());
                raw.put(Dimension.ORGAN_CLASS, coded.organClass());
                raw.put(Dimension.CRITERION, coded.criterion());
                raw.put(Dimension.COUNTRY, coded.country());
                raw.put(Dimension.EXPOSURE_REASON, coded.exposureReason());
                raw.put(Dimension.EXPOSURE_CHRONICITY, coded.exposureChronicity());
                raw.put(Dimension.EXPOSURE_SITE, coded.exposureSite());
                raw.put(Dimension.CARE_LEVEL, coded.careLevel());
                raw.put(Dimension.MEDICAL_OUTCOME, coded.medicalOutcome());
                raw.put(Dimension.CAUSALITY, coded.causality());
            }
            if (countOnly != null) {
                raw.put(Dimension.PRODUCT_NAME, countOnly.productName());
                raw.put(Dimension.PRODUCT_ROLE, countOnly.productRole());
                raw.put(Dimension.VERBATIM, countOnly.verbatim());
                raw.put(Dimension.OUTCOME, countOnly.outcome());
                raw.put(Dimension.SOURCE_OUTCOME, countOnly.sourceOutcome());
            }
            return raw;
        }

        void put(Dimension d, String value) {
            if (value != null) {
                values.put(d, value);
            }
        }
    }

    /**
     * The request of {@code by} (null: the filters only, no dimension asked for) over the filters, on {@code page};
     * {@code violations} holds those found before (they are reported with these).
     */
    static CountRequest request(String by, boolean countsBy, Raw raw, PageRequest page, List<Violation> violations) {
        List<Dimension> dimensions = countsBy ? by(by, violations) : List.of();
        Map<Dimension, List<String>> filters = new EnumMap<>(Dimension.class);
        raw.values.forEach((d, value) -> filter(d, value, filters, violations));
        LocalDate from = date("receivedFrom", raw.receivedFrom, violations);
        LocalDate to = date("receivedTo", raw.receivedTo, violations);
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(Violation.query("receivedTo", "must not be before receivedFrom"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new CountRequest(List.copyOf(dimensions), filters, from, to, page);
    }

    private static List<Dimension> by(String value, List<Violation> violations) {
        List<Dimension> by = new ArrayList<>();
        String given = text("by", value, 100, violations);
        if (given == null) {
            violations.add(
                    Violation.query("by", "is required: one or two of " + Dimension.allowed() + ", comma-separated"));
            return by;
        }
        for (String code : given.split(",", -1)) {
            Dimension d = Dimension.byCode(code.strip());
            if (d == null) {
                violations.add(Violation.query(
                        "by", "names something that is not a dimension; allowed: " + Dimension.allowed()));
            } else if (by.contains(d)) {
                violations.add(Violation.query("by", "names " + d.code() + " twice"));
            } else {
                by.add(d);
            }
        }
        if (by.size() > 2) {
            violations.add(Violation.query("by", "counts by at most two dimensions"));
        } else if (by.isEmpty()) {
            violations.add(Violation.query(
                    "by", "names no dimension: one or two of " + Dimension.allowed() + ", comma-separated"));
        }
        return by;
    }

    private static void filter(
            Dimension d, String value, Map<Dimension, List<String>> filters, List<Violation> violations) {
        String given = text(d.code(), value, MAX_FILTER, violations);
        if (given == null) {
            return;
        }
        List<String> values = Arrays.stream(given.split(","))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .distinct()
                .toList();
        List<String> bad = values.stream().filter(v -> !valid(d, v)).toList();
        if (bad.isEmpty() && !values.isEmpty()) {
            filters.put(d, values);
        } else {
            violations.add(
                    Violation.query(d.code(), "invalid value(s) " + String.join(", ", bad) + "; " + expected(d)));
        }
    }

    /** A text parameter stripped, or null (absent, or a violation: blank or too long). */
    private static String text(String name, String value, int maxLength, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            violations.add(Violation.query(name, "must not be blank"));
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            violations.add(Violation.query(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return stripped;
    }

    private static LocalDate date(String name, String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(Violation.query(name, "must be a date as YYYY-MM-DD"));
            return null;
        }
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
