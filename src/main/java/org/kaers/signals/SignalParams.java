package org.kaers.signals;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.common.Violation;
import org.kaers.statistics.CaseCounts;
import org.kaers.statistics.model.CaseFilters;
import org.kaers.statistics.model.ReportFilters;

/**
 * The subject, comparison, threshold and order of the signal table, bound as a {@link BeanParam} (with
 * {@code @Valid}); with the statistics filters and the page it makes the {@link SignalService.Query} the service
 * takes ({@link #query}). Exactly one subject; every violation of these parameters together in one 400 problem.
 */
public record SignalParams(
        @Parameter(description = "Subject: a canonical product id.", schema = @Schema(type = SchemaType.INTEGER))
        @QueryParam("product")
        String product,

        @Parameter(
                example = "KRATOM",
                description = "Subject: a substance code.",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("substance")
        String substance,

        @Parameter(description = "Subject: a term code.", schema = @Schema(type = SchemaType.STRING))
        @QueryParam("symptom")
        String symptom,

        @Parameter(description = "Subject: an organ class code.", schema = @Schema(type = SchemaType.STRING))
        @QueryParam("organClass")
        String organClass,

        @Parameter(
                example = "REUMOFAN PLUS",
                description = "Subject: a product name exactly as reported (up to 300 characters).",
                schema = @Schema(type = SchemaType.STRING, maxLength = 300))
        @QueryParam("productName")
        String productName,

        @Parameter(
                example = "WEIGHT INCREASED",
                description = "Subject: a reaction term exactly as reported (up to 500 characters).",
                schema = @Schema(type = SchemaType.STRING, maxLength = 500))
        @QueryParam("verbatim")
        String verbatim,

        @Parameter(
                example = "verbatim",
                schema =
                        @Schema(
                                enumeration = {
                                    "symptom",
                                    "organClass",
                                    "verbatim",
                                    "product",
                                    "substance",
                                    "productName"
                                }))
        @QueryParam("against")
        String against,

        @Parameter(
                description = "Leave out rows with fewer cases (a).",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
        @QueryParam("minCases")
        @Min(value = 1, message = MIN_CASES_RANGE)
        @Max(value = MAX_MIN_CASES, message = MIN_CASES_RANGE)
        Integer minCases,

        @Parameter(
                description = "Descending; nulls and withheld rows last.",
                schema =
                        @Schema(
                                enumeration = {
                                    "a",
                                    "expected",
                                    "prr",
                                    "prrLower",
                                    "chiSquare",
                                    "ror",
                                    "rorLower",
                                    "ic",
                                    "ic025",
                                    "ebgm",
                                    "eb05"
                                },
                                defaultValue = "eb05"))
        @QueryParam("sort")
        String sort) {

    static final int MAX_MIN_CASES = 1_000_000;
    static final String MIN_CASES_RANGE = "must be between 1 and " + MAX_MIN_CASES;
    private static final Pattern PRODUCT_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    /** The request: these parameters checked (a 400 with every violation), then the filters (a 400 of their own). */
    SignalService.Query query(PageRequest page, CaseFilters cases, ReportFilters reports) {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> given = new java.util.TreeMap<>();
        put(given, "product", product);
        put(given, "substance", substance);
        put(given, "symptom", symptom);
        put(given, "organClass", organClass);
        put(given, "productName", productName);
        put(given, "verbatim", verbatim);
        String subject = null;
        String key = null;
        if (given.size() != 1) {
            violations.add(Violation.query(
                    "product",
                    "give exactly one subject: product, substance, symptom, organClass, productName or verbatim"
                            + (given.isEmpty() ? "" : " (got " + String.join(", ", given.keySet()) + ")")));
        } else {
            subject = given.keySet().iterator().next();
            Integer asReported = SignalService.AS_REPORTED.get(subject);
            key = text(subject, given.get(subject), asReported == null ? 40 : asReported, violations);
            Pattern pattern = subject.equals("product") ? PRODUCT_ID : CODE;
            if (asReported == null && key != null && !pattern.matcher(key).matches()) {
                violations.add(Violation.query(
                        subject,
                        subject.equals("product")
                                ? "expected a product id (GET /api/v1/products)"
                                : "expected a code such as KRATOM or KT0031"));
            }
        }
        String comparison = text("against", against, 40, violations);
        if (subject != null) {
            List<String> options = SignalService.AGAINST.get(subject);
            if (comparison == null) {
                comparison = options.get(0);
            } else if (!options.contains(comparison)) {
                violations.add(
                        Violation.query("against", "for a " + subject + ", one of: " + String.join(", ", options)));
            }
        }
        String order = text("sort", sort, 20, violations);
        if (order == null) {
            order = "eb05";
        } else if (!SignalService.SORTS.containsKey(order)) {
            violations.add(Violation.query(
                    "sort",
                    "not one of the allowed values: "
                            + String.join(
                                    ", ",
                                    SignalService.SORTS.keySet().stream()
                                            .sorted()
                                            .toList())));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return new SignalService.Query(
                subject,
                key,
                comparison,
                CaseCounts.filters(cases, reports),
                minCases == null ? 1 : minCases,
                order,
                page);
    }

    private static void put(Map<String, String> given, String name, String value) {
        if (value != null) {
            given.put(name, value);
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
}
