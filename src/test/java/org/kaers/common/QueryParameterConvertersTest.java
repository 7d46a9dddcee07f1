package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The converters that strip a query text and turn one query value into a number, a boolean, a date or a code, each refusing anything else
 * with a 400 naming the parameter (the value rules the hand-written {@code QueryParams} had; empty values never
 * reach a converter: {@link StrictQueryParameters} refuses them).
 */
class QueryParameterConvertersTest {

    enum Colour {
        RED,
        GREEN,
        WHITE
    }

    @SuppressWarnings("unused")
    void declarations(
            @QueryParam("size") @Min(1) @Max(100) Integer size,
            @QueryParam("curated") Boolean curated,
            @QueryParam("since") LocalDate since,
            @QueryParam("colour") Colour colour,
            @QueryParam("q") String q) {}

    private static Annotation[] annotationsOf(String name) {
        Method m = Arrays.stream(QueryParameterConvertersTest.class.getDeclaredMethods())
                .filter(x -> x.getName().equals("declarations"))
                .findFirst()
                .orElseThrow();
        for (Annotation[] a : m.getParameterAnnotations()) {
            if (Arrays.stream(a)
                    .anyMatch(x -> x instanceof QueryParam q && q.value().equals(name))) {
                return a;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static void refused(ParamConverter<?> converter, String value, String name, String message) {
        assertThatThrownBy(() -> converter.fromString(value))
                .isInstanceOfSatisfying(
                        QueryParameterRejected.class,
                        e -> assertThat(e.violations()).containsExactly(Violation.query(name, message)));
    }

    @Nested
    class WholeNumbers {
        final ParamConverter<Integer> converter =
                new WholeNumberConverter().getConverter(Integer.class, Integer.class, annotationsOf("size"));

        @ParameterizedTest
        @CsvSource({"1, 1", "100, 100", "' 42 ', 42", "+7, 7", "0, 0", "101, 101"})
        void aWholeNumberIsParsedTheRangeIsBeanValidations(String value, int expected) {
            assertThat(converter.fromString(value)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ten", "5.0", "1e2", "99999999999", "0x10"})
        void aValueThatIsNotAWholeNumberIsRefusedNamingTheParameter(String value) {
            refused(converter, value, "size", "must be a whole number between 1 and 100");
        }

        @Test
        void anAbsentValueIsNullAndUnboundedIntegersAreNotConverted() {
            assertThat(converter.fromString(null)).isNull();
            assertThat(new WholeNumberConverter().getConverter(Integer.class, Integer.class, annotationsOf("since")))
                    .isNull();
        }
    }

    @Nested
    class Booleans {
        final ParamConverter<Boolean> converter =
                new TrueFalseConverter().getConverter(Boolean.class, Boolean.class, annotationsOf("curated"));

        @Test
        void trueAndFalseAreParsed() {
            assertThat(converter.fromString("true")).isTrue();
            assertThat(converter.fromString(" false ")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"TRUE", "yes", "1", "0", "t"})
        void anythingElseIsRefused(String value) {
            refused(converter, value, "curated", "must be true or false");
        }
    }

    @Nested
    class Dates {
        final ParamConverter<LocalDate> converter =
                new DateConverter().getConverter(LocalDate.class, LocalDate.class, annotationsOf("since"));

        @Test
        void anIsoDateIsParsed() {
            assertThat(converter.fromString(" 2026-02-28 ")).isEqualTo(LocalDate.of(2026, 2, 28));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-13-01", "2026-02-29", "2026-2-1", "01/02/2026", "2026-02-01T10:00", "today"})
        void anythingElseIsRefused(String value) {
            refused(converter, value, "since", "must be a date as YYYY-MM-DD");
        }
    }

    @Nested
    class Codes {
        final ParamConverter<Colour> converter =
                new CodeConverter().getConverter(Colour.class, Colour.class, annotationsOf("colour"));

        @Test
        void aConstantNameIsParsed() {
            assertThat(converter.fromString(" GREEN ")).isEqualTo(Colour.GREEN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"green", "BLUE"})
        void anythingElseIsRefusedListingTheAllowedValuesInDeclarationOrder(String value) {
            refused(converter, value, "colour", "not one of the allowed values: RED, GREEN, WHITE");
        }
    }

    @Nested
    class Texts {
        final ParamConverter<String> converter =
                new TextConverter().getConverter(String.class, String.class, annotationsOf("q"));

        @Test
        void aQueryTextIsStrippedAndAnAbsentOneStaysNull() {
            assertThat(converter.fromString(" \t maeng da \n")).isEqualTo("maeng da");
            assertThat(converter.fromString("kratom")).isEqualTo("kratom");
            assertThat(converter.fromString("   ")).isEmpty();
            assertThat(converter.fromString(null)).isNull();
        }

        @Test
        void onlyTextQueryParametersAreConverted() {
            assertThat(new TextConverter().getConverter(String.class, String.class, new Annotation[0]))
                    .as("a path, header or form parameter is left as sent")
                    .isNull();
            assertThat(new TextConverter().getConverter(String.class, String.class, null))
                    .isNull();
            assertThat(new TextConverter().getConverter(Integer.class, Integer.class, annotationsOf("size")))
                    .isNull();
        }
    }
}
