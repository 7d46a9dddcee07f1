package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    enum Colour {
        RED,
        GREEN,
        WHITE
    }

    private static final Set<String> ALLOWED = Set.of("q", "size", "page", "curated", "since", "colour");

    /** Query parameters from name/value pairs, in order; a name may repeat. */
    private static MultivaluedMap<String, String> query(String... pairs) {
        MultivaluedMap<String, String> raw = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            raw.add(pairs[i], pairs[i + 1]);
        }
        return raw;
    }

    private static QueryParams params(String... pairs) {
        return QueryParams.of(query(pairs), ALLOWED);
    }

    private static List<Violation> violations(QueryParams params) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, params::throwIfInvalid);
        return problem == null ? List.of() : problem.violations();
    }

    private static Violation query(String field, String message) {
        return new Violation(field, "query", message);
    }

    @Nested
    class Names {

        @Test
        void noParametersIsValid() {
            assertThatCode(params()::throwIfInvalid).doesNotThrowAnyException();
        }

        @Test
        void anUnknownParameterListsTheAllowedOnesSorted() {
            assertThat(violations(params("limit", "5")))
                    .containsExactly(
                            query("limit", "unknown parameter; allowed: colour, curated, page, q, since, size"));
        }

        @Test
        void aRepeatedParameterIsRejected() {
            assertThat(violations(params("q", "seizure", "q", "coma")))
                    .containsExactly(query("q", "given more than once"));
        }

        @Test
        void aRepeatedUnknownParameterIsReportedOnlyAsUnknown() {
            assertThat(violations(params("skip", "1", "skip", "2")))
                    .containsExactly(
                            query("skip", "unknown parameter; allowed: colour, curated, page, q, since, size"));
        }

        @Test
        void namesAreCheckedInAlphabeticalOrderAndCaseSensitively() {
            assertThat(violations(params("zeta", "1", "Q", "x", "page", "1", "page", "2")))
                    .containsExactly(
                            query("Q", "unknown parameter; allowed: colour, curated, page, q, since, size"),
                            query("page", "given more than once"),
                            query("zeta", "unknown parameter; allowed: colour, curated, page, q, since, size"));
        }
    }

    @Nested
    class Integers {

        @ParameterizedTest
        @CsvSource({"1, 1", "100, 100", "' 42 ', 42", "+7, 7"})
        void aWholeNumberInRangeIsParsed(String value, int expected) {
            QueryParams params = params("size", value);

            assertThat(params.integer("size", 20, 1, 100)).isEqualTo(expected);
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void anAbsentNumberGivesTheDefault() {
            QueryParams params = params();

            assertThat(params.integer("size", 20, 1, 100)).isEqualTo(20);
            assertThat(violations(params)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ten", "5.0", "1e2", "", " ", "99999999999", "0x10"})
        void aValueThatIsNotAWholeNumberIsRejectedAndTheDefaultReturned(String value) {
            QueryParams params = params("size", value);

            assertThat(params.integer("size", 20, 1, 100)).isEqualTo(20);
            assertThat(violations(params)).containsExactly(query("size", "must be a whole number between 1 and 100"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "101", "-1", "2147483647"})
        void aNumberOutOfRangeIsRejectedAndTheDefaultReturned(String value) {
            QueryParams params = params("size", value);

            assertThat(params.integer("size", 20, 1, 100)).isEqualTo(20);
            assertThat(violations(params)).containsExactly(query("size", "must be between 1 and 100"));
        }
    }

    @Nested
    class Paging {

        @Test
        void theDefaultsArePageZeroOfTwenty() {
            QueryParams params = params();

            assertThat(params.page()).isEqualTo(new PageRequest(0, 20));
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void pageAndSizeAreRead() {
            QueryParams params = params("page", "3", "size", "100");

            assertThat(params.page()).isEqualTo(new PageRequest(3, 100));
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void size101IsRejected() {
            QueryParams params = params("size", "101");

            assertThat(params.page()).isEqualTo(new PageRequest(0, 20));
            assertThat(violations(params)).containsExactly(query("size", "must be between 1 and 100"));
        }

        @Test
        void sizeZeroIsRejected() {
            QueryParams params = params("size", "0");

            params.page();
            assertThat(violations(params)).containsExactly(query("size", "must be between 1 and 100"));
        }

        @Test
        void aNegativePageIsRejected() {
            QueryParams params = params("page", "-1");

            assertThat(params.page()).isEqualTo(new PageRequest(0, 20));
            assertThat(violations(params)).containsExactly(query("page", "must be between 0 and 1000000"));
        }

        @Test
        void theLargestPageIsAMillion() {
            assertThat(params("page", "1000000").page()).isEqualTo(new PageRequest(1_000_000, 20));

            QueryParams tooFar = params("page", "1000001");
            tooFar.page();
            assertThat(violations(tooFar)).containsExactly(query("page", "must be between 0 and 1000000"));
        }

        @Test
        void badPageAndSizeAreBothReported() {
            QueryParams params = params("page", "first", "size", "all");

            assertThat(params.page()).isEqualTo(new PageRequest(0, 20));
            assertThat(violations(params))
                    .containsExactly(
                            query("page", "must be a whole number between 0 and 1000000"),
                            query("size", "must be a whole number between 1 and 100"));
        }
    }

    @Nested
    class Booleans {

        @ParameterizedTest
        @CsvSource({"true, true", "false, false", "' true ', true"})
        void trueAndFalseAreParsed(String value, boolean expected) {
            QueryParams params = params("curated", value);

            assertThat(params.bool("curated")).isEqualTo(expected);
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void anAbsentBooleanIsNull() {
            assertThat(params().bool("curated")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"TRUE", "True", "yes", "1", "0", ""})
        void anythingElseIsRejected(String value) {
            QueryParams params = params("curated", value);

            assertThat(params.bool("curated")).isNull();
            assertThat(violations(params)).containsExactly(query("curated", "must be true or false"));
        }
    }

    @Nested
    class Dates {

        @Test
        void anIsoDateIsParsed() {
            QueryParams params = params("since", " 2026-02-28 ");

            assertThat(params.date("since")).isEqualTo(LocalDate.of(2026, 2, 28));
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void anAbsentDateIsNull() {
            assertThat(params().date("since")).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026-13-01", "2026-02-29", "2026-2-1", "01/02/2026", "2026-02-01T10:00", "today", ""})
        void anythingElseIsRejected(String value) {
            QueryParams params = params("since", value);

            assertThat(params.date("since")).isNull();
            assertThat(violations(params)).containsExactly(query("since", "must be a date as YYYY-MM-DD"));
        }
    }

    @Nested
    class Enumerations {

        @Test
        void aConstantNameIsParsed() {
            QueryParams params = params("colour", " GREEN ");

            assertThat(params.enumeration("colour", Colour.class)).isEqualTo(Colour.GREEN);
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void anAbsentValueIsNull() {
            assertThat(params().enumeration("colour", Colour.class)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"green", "BLUE", ""})
        void anythingElseIsRejectedListingTheAllowedValuesInDeclarationOrder(String value) {
            QueryParams params = params("colour", value);

            assertThat(params.enumeration("colour", Colour.class)).isNull();
            assertThat(violations(params))
                    .containsExactly(query("colour", "not one of the allowed values: RED, GREEN, WHITE"));
        }
    }

    @Nested
    class Strings {

        @Test
        void aStringIsStripped() {
            QueryParams params = params("q", "  seizure ");

            assertThat(params.string("q", 100)).isEqualTo("seizure");
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void aStringOfExactlyTheMaximumLengthIsAccepted() {
            QueryParams params = params("q", "abcde");

            assertThat(params.string("q", 5)).isEqualTo("abcde");
            assertThat(violations(params)).isEmpty();
        }

        @Test
        void anAbsentStringIsNull() {
            assertThat(params().string("q", 100)).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "  \t "})
        void aBlankStringIsRejected(String value) {
            QueryParams params = params("q", value);

            assertThat(params.string("q", 100)).isNull();
            assertThat(violations(params)).containsExactly(query("q", "must not be blank"));
        }

        @Test
        void aTooLongStringIsRejected() {
            QueryParams params = params("q", "abcdef");

            assertThat(params.string("q", 5)).isNull();
            assertThat(violations(params)).containsExactly(query("q", "must be at most 5 characters"));
        }
    }

    @Nested
    class Reporting {

        @Test
        void oneViolationBecomesTheDetail() {
            QueryParams params = params("size", "0");
            params.page();

            ApiProblem problem = catchThrowableOfType(ApiProblem.class, params::throwIfInvalid);

            assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
            assertThat(problem.getMessage()).isEqualTo("size: must be between 1 and 100");
            assertThat(problem.violations()).containsExactly(query("size", "must be between 1 and 100"));
            assertThat(problem.headers()).isEmpty();
        }

        @Test
        void severalViolationsAreCountedInTheDetailAndKeptInOrder() {
            QueryParams params = params("limit", "5", "curated", "yes", "since", "yesterday");
            params.bool("curated");
            params.date("since");
            params.reject("since", "must not be after until");

            ApiProblem problem = catchThrowableOfType(ApiProblem.class, params::throwIfInvalid);

            assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
            assertThat(problem.getMessage()).isEqualTo("4 fields are invalid");
            assertThat(problem.violations())
                    .containsExactly(
                            query("limit", "unknown parameter; allowed: colour, curated, page, q, since, size"),
                            query("curated", "must be true or false"),
                            query("since", "must be a date as YYYY-MM-DD"),
                            query("since", "must not be after until"));
        }

        @Test
        void aCrossParameterRejectionAloneIsThrown() {
            QueryParams params = params("since", "2026-03-01");
            params.date("since");
            params.reject("since", "must not be after until");

            assertThat(violations(params)).containsExactly(query("since", "must not be after until"));
        }

        @Test
        void validParametersThrowNothing() {
            QueryParams params = params(
                    "q",
                    "seizure",
                    "page",
                    "2",
                    "size",
                    "50",
                    "curated",
                    "false",
                    "since",
                    "2026-01-31",
                    "colour",
                    "RED");

            assertThat(params.string("q", 200)).isEqualTo("seizure");
            assertThat(params.page()).isEqualTo(new PageRequest(2, 50));
            assertThat(params.bool("curated")).isFalse();
            assertThat(params.date("since")).isEqualTo(LocalDate.of(2026, 1, 31));
            assertThat(params.enumeration("colour", Colour.class)).isEqualTo(Colour.RED);
            assertThatCode(params::throwIfInvalid).doesNotThrowAnyException();
        }
    }
}
