package org.kaers.openfda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * openFDA's parameters, checked as FDA/openfda's api_request.js checks them (same rules, same messages), from
 * the raw query string ({@code +} is a space, as openFDA's query-string parser reads it): search, count, limit
 * (digits; default 1 for a search, 100 for a count; at most 1000), skip (digits, at most 25000; not with count or
 * search_after), sort ({@code field[:asc|desc]} on keyword, .exact and date fields), search_after; api_key
 * (openFDA's gateway strips it) is accepted and dropped; anything else is 400 {@code Invalid parameter}.
 */
record FoodEventRequest(
        String search,
        FoodEventField.Ref count,
        int limit,
        int skip,
        Sort sort,
        List<String> searchAfter,
        Map<String, String> echo) {

    static final int MAX_LIMIT = 1000;
    static final int MAX_SKIP = 25000;
    static final Set<String> EXPECTED = Set.of("search", "count", "limit", "skip", "sort", "search_after");
    static final String API_KEY = "api_key";

    /** A sort on one field; null field: openFDA's default order (its document id; ours the report number). */
    record Sort(FoodEventField.Ref field, boolean descending) {}

    boolean counting() {
        return count != null;
    }

    static FoodEventRequest parse(String rawQuery) {
        Map<String, String> params = params(rawQuery);
        params.remove(API_KEY);
        for (String name : params.keySet()) {
            if (!EXPECTED.contains(name)) {
                throw OpenFdaError.badRequest("Invalid parameter: " + name);
            }
        }
        Integer limit = digits(params.get("limit"), "limit");
        Integer skip = digits(params.get("skip"), "skip");
        if (skip != null && skip > MAX_SKIP) {
            throw OpenFdaError.badRequest("Skip value must " + MAX_SKIP + " or less.");
        }
        String countName = params.get("count");
        boolean counting = countName != null && !countName.isEmpty();
        if (!counting && limit != null && limit > MAX_LIMIT) {
            throw OpenFdaError.badRequest("Limit cannot exceed 1000 results for search requests. Use the skip or "
                    + "search_after param to get additional results.");
        }
        if (counting && limit != null && limit > MAX_LIMIT) {
            throw OpenFdaError.badRequest("Limit cannot exceed 1000 results for count requests.");
        }
        if (counting && skip != null && skip > 0) {
            throw OpenFdaError.badRequest("Should not use skip param when using count.");
        }
        String after = params.get("search_after");
        boolean searchAfter = after != null && !after.isEmpty();
        if (searchAfter && skip != null && skip > 0) {
            throw OpenFdaError.badRequest("The skip parameter is not supported when using search_after.");
        }
        FoodEventField.Ref count = counting
                ? FoodEventField.of(countName)
                        .orElseThrow(() -> OpenFdaError.badRequest("Invalid count field: " + countName
                                + " (food/event fields: " + String.join(", ", FoodEventField.names()) + ")"))
                : null;
        String search = params.getOrDefault("search", "");
        return new FoodEventRequest(
                search,
                count,
                limit != null ? limit : counting ? 100 : 1,
                skip == null ? 0 : skip,
                sort(params.get("sort")),
                searchAfter ? searchAfter(after) : null,
                params);
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (out.put(name, value) != null) {
                throw OpenFdaError.badRequest("Invalid parameter: " + name + " (given more than once)");
            }
        }
        return out;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OpenFdaError.badRequest("Invalid query string: a malformed percent-encoding");
        }
    }

    private static Integer digits(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value.strip();
        if (!v.matches("\\d+")) {
            throw OpenFdaError.badRequest("Invalid " + name + " parameter value.");
        }
        // More digits than any allowed value: as large as it gets (the limits above refuse it).
        return v.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(v);
    }

    private static Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return new Sort(null, false);
        }
        String v = value.strip();
        if (!SearchParser.supported(v)) {
            throw OpenFdaError.badRequest("Sort not supported: " + v);
        }
        int colon = v.lastIndexOf(':');
        String name = colon < 0 ? v : v.substring(0, colon);
        String direction = colon < 0 ? "asc" : v.substring(colon + 1).toLowerCase(Locale.ROOT);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw OpenFdaError.badRequest("Sort not supported: " + v);
        }
        FoodEventField.Ref ref = FoodEventField.of(name)
                .filter(FoodEventField.Ref::sortable)
                .orElseThrow(() -> OpenFdaError.badRequest("Sorting allowed by non-analyzed fields only: " + name));
        return new Sort(ref, direction.equals("desc"));
    }

    /**
     * The search_after token as openFDA's Link header writes it ({@code 0=<sort value>;1=<id>}, each value
     * percent-encoded): the values in order.
     */
    private static List<String> searchAfter(String token) {
        List<String> values = new ArrayList<>();
        for (String part : token.split(";", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0 || !part.substring(0, eq).equals(String.valueOf(values.size()))) {
                throw OpenFdaError.badRequest("Invalid search_after parameter value.");
            }
            values.add(decode(part.substring(eq + 1)));
        }
        return values;
    }

    /** The token of a last row's sort values. */
    static String searchAfterToken(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ";")
                    .append(i)
                    .append('=')
                    .append(java.net.URLEncoder.encode(values.get(i), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
