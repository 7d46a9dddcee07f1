package org.kaers.signals;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.kaers.common.PageRequest;
import org.kaers.common.QueryParams;
import org.kaers.statistics.CaseCounts;

/**
 * The query parameters of the signal table, parsed at the HTTP edge (so that {@link SignalService} takes only
 * the parsed {@link SignalService.Query}): one subject, against, minCases, sort, page, size and the statistics
 * filters; every violation together in one 400 problem.
 */
final class SignalQueries {

    static final Set<String> FILTERS =
            Set.of("receivedFrom", "receivedTo", "serious", "ageGroup", "sex", "reporterQualification", "source");
    private static final Set<String> OWN = Set.of(
            "product",
            "substance",
            "symptom",
            "organClass",
            "productName",
            "verbatim",
            "against",
            "minCases",
            "sort",
            "page",
            "size");
    private static final Pattern PRODUCT_ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private SignalQueries() {}

    static SignalService.Query parse(MultivaluedMap<String, String> raw) {
        Set<String> allowed = new java.util.HashSet<>(OWN);
        allowed.addAll(FILTERS);
        QueryParams q = QueryParams.of(raw, allowed);
        List<String> subjects = SignalService.AGAINST.keySet().stream()
                .filter(s -> raw.getFirst(s) != null)
                .sorted()
                .toList();
        String subject = null;
        String key = null;
        if (subjects.size() != 1) {
            q.reject(
                    "product",
                    "give exactly one subject: product, substance, symptom, organClass, productName or verbatim"
                            + (subjects.isEmpty() ? "" : " (got " + String.join(", ", subjects) + ")"));
        } else if (SignalService.AS_REPORTED.containsKey(subjects.get(0))) {
            subject = subjects.get(0);
            key = q.string(subject, SignalService.AS_REPORTED.get(subject));
            if (key != null && key.isBlank()) {
                q.reject(subject, "expected the text as reported, e.g. REUMOFAN PLUS or WEIGHT INCREASED");
            }
        } else {
            subject = subjects.get(0);
            key = q.string(subject, 40);
            Pattern pattern = subject.equals("product") ? PRODUCT_ID : CODE;
            if (key != null && !pattern.matcher(key).matches()) {
                q.reject(
                        subject,
                        subject.equals("product")
                                ? "expected a product id (GET /api/v1/products)"
                                : "expected a code such as KRATOM or KT0031");
            }
        }
        String against = q.string("against", 40);
        if (subject != null) {
            List<String> options = SignalService.AGAINST.get(subject);
            if (against == null) {
                against = options.get(0);
            } else if (!options.contains(against)) {
                q.reject("against", "for a " + subject + ", one of: " + String.join(", ", options));
            }
        }
        int minCases = q.integer("minCases", 1, 1, 1_000_000);
        String sort = q.string("sort", 20);
        if (sort == null) {
            sort = "eb05";
        } else if (!SignalService.SORTS.containsKey(sort)) {
            q.reject(
                    "sort",
                    "not one of the allowed values: "
                            + String.join(
                                    ", ",
                                    SignalService.SORTS.keySet().stream()
                                            .sorted()
                                            .toList()));
        }
        PageRequest page = new PageRequest(q.integer("page", 0, 0, 1_000_000), q.integer("size", 100, 1, 1000));
        q.throwIfInvalid();
        return new SignalService.Query(subject, key, against, CaseCounts.filters(raw, OWN), minCases, sort, page);
    }
}
