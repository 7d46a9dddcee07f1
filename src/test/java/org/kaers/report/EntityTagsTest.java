package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;

class EntityTagsTest {

    private static final String MISSING =
            "send If-Match with the ETag of the version you last read, e.g. If-Match: \"1\"";
    private static final String STAR =
            "If-Match: * is not accepted; send the ETag of the version you last read, " + "e.g. If-Match: \"1\"";

    @Test
    void theTagIsTheVersionInQuotes() {
        assertThat(EntityTags.of(3)).isEqualTo("\"3\"");
        assertThat(EntityTags.of(12)).isEqualTo("\"12\"");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void aMissingOrBlankIfMatchIsPreconditionRequired(String ifMatch) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> EntityTags.requirePresent(ifMatch));

        assertThat(problem).isNotNull();
        assertThat(problem.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED);
        assertThat(problem.getMessage()).isEqualTo(MISSING);
        assertThat(problem.violations()).isEmpty();
        assertThat(problem.headers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", " * "})
    void aStarIsPreconditionRequired(String ifMatch) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> EntityTags.requirePresent(ifMatch));

        assertThat(problem).isNotNull();
        assertThat(problem.type()).isEqualTo(ProblemType.PRECONDITION_REQUIRED);
        assertThat(problem.getMessage()).isEqualTo(STAR);
        assertThat(problem.headers()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "W/\"1\"", "\"1\", \"2\""})
    void anyTagIsPresent(String ifMatch) {
        assertThatCode(() -> EntityTags.requirePresent(ifMatch)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", " \"3\" ", "\"2\", \"3\"", "\"3\",\"4\"", "\"1\" , \"3\" , \"5\""})
    void aListNamingTheCurrentVersionMatches(String ifMatch) {
        assertThatCode(() -> EntityTags.requireMatch(ifMatch, 3)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "W/\"3\"", // weak tags never match (strong comparison)
                "3", // unquoted
                "\"2\"", // stale
                "\"30\"",
                "\"2\", W/\"3\"",
                "'3'",
                "*"
            })
    void anythingElseIsPreconditionFailedWithTheCurrentETag(String ifMatch) {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> EntityTags.requireMatch(ifMatch, 3));

        assertThat(problem).isNotNull();
        assertThat(problem.type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
        assertThat(problem.getMessage())
                .isEqualTo("the case has changed: its current version is 3; read it and try again");
        assertThat(problem.violations()).isEmpty();
        assertThat(problem.headers()).isEqualTo(Map.of("ETag", "\"3\""));
    }
}
