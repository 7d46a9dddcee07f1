package org.kaers.openfda;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Translates a {@link Search} into a SQL condition over the view {@code openfda_food_event e}, matching each field
 * as openFDA indexes it: text fields by words (lower-cased, split at anything that is not a letter or digit, as
 * Elasticsearch's standard analyser does), keyword and {@code .exact} fields as whole case-sensitive values,
 * dates as days. Column names come from {@link FoodEventField}; every value from the request is a bind parameter
 * ({@link #params()}), never SQL text.
 */
final class SearchSql {

    /** The words of a text column's value, space-separated with a space either side: {@code " maeng da kratom "}. */
    private static final String WORDS = "(' ' || btrim(regexp_replace(lower(%s), '[^[:alnum:]]+', ' ', 'g')) || ' ')";

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,6}(\\.\\d{1,2})?");
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, Object> params = new LinkedHashMap<>();

    /** The condition of a search (true for none). */
    String where(Search search) {
        if (search instanceof Search.And and) {
            return join(and.parts(), " and ");
        }
        if (search instanceof Search.Or or) {
            return join(or.parts(), " or ");
        }
        if (search instanceof Search.Not not) {
            return "not (" + where(not.part()) + ")";
        }
        if (search instanceof Search.Term t) {
            return leaf(t.field(), ref -> term(ref, t.text()));
        }
        if (search instanceof Search.Wildcard w) {
            return leaf(w.field(), ref -> wildcard(ref, w.pattern()));
        }
        if (search instanceof Search.Range r) {
            return leaf(r.field(), ref -> range(ref, r));
        }
        if (search instanceof Search.Exists x) {
            return exists(x.field());
        }
        return "true";
    }

    Map<String, Object> params() {
        return params;
    }

    /** A bind parameter for a value; its name is returned ({@code :p3}). */
    String bind(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    /** The words of a text, as the SQL above splits them. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : NOT_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** A day as openFDA writes it in a search: YYYYMMDD or YYYY-MM-DD. */
    static LocalDate date(String text) {
        try {
            return text.length() == 8 ? LocalDate.parse(text, BASIC) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw OpenFdaError.badRequest("Invalid date in search: " + text + " (use YYYYMMDD or YYYY-MM-DD)");
        }
    }

    private String join(List<Search> parts, String op) {
        List<String> sql = parts.stream().map(this::where).toList();
        return "(" + String.join(op, sql) + ")";
    }

    /** A condition on one field, or on every text and keyword field when the search names none. */
    private String leaf(
            FoodEventField.Ref field, java.util.function.Function<FoodEventField.Ref, Condition> condition) {
        if (field != null) {
            return on(field, condition.apply(field));
        }
        List<String> any = new ArrayList<>();
        for (FoodEventField.Ref ref : FoodEventField.defaults()) {
            try {
                any.add(on(ref, condition.apply(ref)));
            } catch (OpenFdaError notForThisField) {
                // e.g. a range without a field: it applies to the fields that have ranges only
            }
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }

    /** A condition on one value ({@code x}). */
    private interface Condition extends UnaryOperator<String> {}

    /** The condition on a column: on the value, or on any element of an array; never null (NOT must see false). */
    private static String on(FoodEventField.Ref ref, Condition c) {
        String column = ref.field().column();
        if (ref.field().array()) {
            return "exists (select 1 from unnest(" + column + ") x where " + c.apply("x") + ")";
        }
        return "coalesce(" + c.apply(column) + ", false)";
    }

    private Condition term(FoodEventField.Ref ref, String text) {
        return switch (ref.kind()) {
            case TEXT -> {
                List<String> words = words(text);
                if (words.isEmpty()) {
                    yield x -> "false";
                }
                // Letters and digits only: nothing LIKE would read as a pattern.
                String p = bind("% " + String.join(" ", words) + " %");
                yield x -> WORDS.formatted(x) + " like " + p;
            }
            case KEYWORD -> {
                String p = bind(text);
                yield x -> x + " = " + p;
            }
            case DATE -> {
                String p = bind(date(text));
                yield x -> x + " = " + p;
            }
        };
    }

    private Condition wildcard(FoodEventField.Ref ref, String pattern) {
        return switch (ref.kind()) {
            case TEXT -> {
                // One word with * for any letters or digits: a regular expression over the words, the rest escaped.
                StringBuilder re = new StringBuilder("(^| )");
                for (char ch : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
                    if (ch == '*') {
                        re.append("[^ ]*");
                    } else if (Character.isLetterOrDigit(ch)) {
                        re.append(ch);
                    } else {
                        re.append('\\').append(ch);
                    }
                }
                String p = bind(re.append("( |$)").toString());
                yield x -> WORDS.formatted(x) + " ~ " + p;
            }
            case KEYWORD -> {
                String like = pattern.replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                        .replace('*', '%');
                String p = bind(like);
                yield x -> x + " like " + p;
            }
            case DATE ->
                throw OpenFdaError.badRequest("Search not supported: wildcards on the date field " + ref.name());
        };
    }

    private Condition range(FoodEventField.Ref ref, Search.Range r) {
        return switch (ref.kind()) {
            case DATE ->
                bounds(
                        r,
                        r.from() == null ? null : bind(date(r.from())),
                        r.to() == null ? null : bind(date(r.to())),
                        UnaryOperator.identity());
            case KEYWORD -> {
                if (ref.field() == FoodEventField.CONSUMER_AGE && numeric(r.from()) && numeric(r.to())) {
                    // Ages compare as numbers (openFDA compares the keyword as text, where 100 < 18).
                    yield bounds(
                            r,
                            r.from() == null ? null : bind(new java.math.BigDecimal(r.from())),
                            r.to() == null ? null : bind(new java.math.BigDecimal(r.to())),
                            x -> "(case when " + x + " ~ '^[0-9]{1,6}(\\.[0-9]+)?$' then " + x + "::numeric end)");
                }
                yield bounds(
                        r,
                        r.from() == null ? null : bind(r.from()),
                        r.to() == null ? null : bind(r.to()),
                        x -> "(" + x + " collate \"C\")");
            }
            case TEXT ->
                throw OpenFdaError.badRequest("Search not supported: ranges apply to dates, keyword fields and "
                        + ".exact fields, not to the text field " + ref.name());
        };
    }

    private static boolean numeric(String bound) {
        return bound == null || NUMBER.matcher(bound).matches();
    }

    private static Condition bounds(Search.Range r, String from, String to, UnaryOperator<String> value) {
        return x -> {
            List<String> parts = new ArrayList<>();
            String v = value.apply(x);
            if (from != null) {
                parts.add(v + (r.fromInclusive() ? " >= " : " > ") + from);
            }
            if (to != null) {
                parts.add(v + (r.toInclusive() ? " <= " : " < ") + to);
            }
            parts.add(x + " is not null");
            return "(" + String.join(" and ", parts) + ")";
        };
    }

    private static String exists(FoodEventField.Ref ref) {
        String column = ref.field().column();
        if (ref.field().array()) {
            return "exists (select 1 from unnest(" + column + ") x where x is not null and x <> '')";
        }
        return ref.field().kind() == FoodEventField.Kind.DATE
                ? "(" + column + " is not null)"
                : "coalesce(" + column + " <> '', false)";
    }
}
