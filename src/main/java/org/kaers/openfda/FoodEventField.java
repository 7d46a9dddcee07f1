package org.kaers.openfda;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fields of openFDA's food/event index, as its mapping has them ({@code schemas/foodevent_mapping.json} in
 * FDA/openfda): analysed text (with a keyword {@code .exact} twin where openFDA has one), keyword (matched and
 * counted as whole, case-sensitive values) and dates; each with its column in the view {@code openfda_food_event}.
 */
enum FoodEventField {
    REPORT_NUMBER("report_number", Kind.TEXT, false, "report_number", false),
    DATE_CREATED("date_created", Kind.DATE, false, "date_created", false),
    DATE_STARTED("date_started", Kind.DATE, false, "date_started", false),
    OUTCOMES("outcomes", Kind.TEXT, true, "outcomes", true),
    REACTIONS("reactions", Kind.TEXT, true, "reactions", true),
    CONSUMER_AGE("consumer.age", Kind.KEYWORD, false, "consumer_age", false),
    CONSUMER_AGE_UNIT("consumer.age_unit", Kind.KEYWORD, false, "consumer_age_unit", false),
    CONSUMER_GENDER("consumer.gender", Kind.KEYWORD, false, "consumer_gender", false),
    PRODUCTS_ROLE("products.role", Kind.TEXT, true, "products_role", true),
    PRODUCTS_NAME_BRAND("products.name_brand", Kind.TEXT, true, "products_name_brand", true),
    PRODUCTS_INDUSTRY_CODE("products.industry_code", Kind.TEXT, false, "products_industry_code", true),
    PRODUCTS_INDUSTRY_NAME("products.industry_name", Kind.TEXT, true, "products_industry_name", true);

    /** How a field is indexed. */
    enum Kind {
        /** Analysed: lower-cased words; a term matches a word, a phrase consecutive words. */
        TEXT,
        /** A whole value, case-sensitive. */
        KEYWORD,
        /** A day. */
        DATE
    }

    private final String name;
    private final Kind kind;
    private final boolean hasExact;
    private final String column;
    private final boolean array;

    FoodEventField(String name, Kind kind, boolean hasExact, String column, boolean array) {
        this.name = name;
        this.kind = kind;
        this.hasExact = hasExact;
        this.column = column;
        this.array = array;
    }

    /** A field as a query names it, with or without {@code .exact}. */
    record Ref(FoodEventField field, boolean exact) {
        /** How the reference is matched: the keyword twin of a text field is a keyword. */
        Kind kind() {
            return exact ? Kind.KEYWORD : field.kind;
        }

        String name() {
            return field.name + (exact ? ".exact" : "");
        }

        /** openFDA sorts on keyword and date fields only. */
        boolean sortable() {
            return kind() != Kind.TEXT;
        }
    }

    /** The field a query names: {@code reactions}, {@code reactions.exact}; empty when openFDA has no such field. */
    static Optional<Ref> of(String name) {
        for (FoodEventField f : values()) {
            if (f.name.equals(name)) {
                return Optional.of(new Ref(f, false));
            }
            if (f.hasExact && name.equals(f.name + ".exact")) {
                return Optional.of(new Ref(f, true));
            }
        }
        return Optional.empty();
    }

    /** The fields a term without a field name is looked for in (openFDA: every field): all but the dates. */
    static List<Ref> defaults() {
        return Arrays.stream(values())
                .filter(f -> f.kind != Kind.DATE)
                .map(f -> new Ref(f, false))
                .toList();
    }

    /** Every name a query may use, for error messages and the documentation. */
    static List<String> names() {
        return Arrays.stream(values())
                .flatMap(f -> f.hasExact
                        ? java.util.stream.Stream.of(f.name, f.name + ".exact")
                        : java.util.stream.Stream.of(f.name))
                .toList();
    }

    String fieldName() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /** The view's column (a fixed identifier, never from the request). */
    String column() {
        return "e." + column;
    }

    boolean array() {
        return array;
    }
}
