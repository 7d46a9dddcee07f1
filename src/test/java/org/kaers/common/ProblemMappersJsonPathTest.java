package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMappersJsonPathTest {

    private static final Object FROM = new Object();

    private static Reference field(String name) {
        return new Reference(FROM, name);
    }

    private static Reference index(int index) {
        return new Reference(FROM, index);
    }

    @Test
    void anEmptyPathIsTheBody() {
        assertThat(ProblemMappers.jsonPath(List.of())).isEqualTo("body");
    }

    @Test
    void aTopLevelField() {
        assertThat(ProblemMappers.jsonPath(List.of(field("dateOfDeath")))).isEqualTo("dateOfDeath");
    }

    @Test
    void nestedFieldsAreJoinedWithDots() {
        assertThat(ProblemMappers.jsonPath(List.of(field("patient"), field("age"), field("value"))))
                .isEqualTo("patient.age.value");
    }

    @Test
    void aFieldInAnArrayElement() {
        assertThat(ProblemMappers.jsonPath(List.of(field("products"), index(0), field("stopDate"))))
                .isEqualTo("products[0].stopDate");
    }

    @Test
    void anArrayElementItself() {
        assertThat(ProblemMappers.jsonPath(List.of(field("seriousnessCriteria"), index(2))))
                .isEqualTo("seriousnessCriteria[2]");
    }

    @Test
    void nestedArrays() {
        assertThat(ProblemMappers.jsonPath(List.of(field("labs"), index(1), index(12), field("unit"))))
                .isEqualTo("labs[1][12].unit");
    }

    @Test
    void aTopLevelArrayElement() {
        assertThat(ProblemMappers.jsonPath(List.of(index(3), field("verbatim"))))
                .isEqualTo("[3].verbatim");
    }

    @Test
    void aReferenceWithNeitherNameNorIndexIsSkipped() {
        assertThat(ProblemMappers.jsonPath(
                        List.of(field("reactions"), new Reference(FROM), index(1), field("outcome"))))
                .isEqualTo("reactions[1].outcome");
    }

    @Test
    void onlyUnnamedReferencesAreTheBody() {
        assertThat(ProblemMappers.jsonPath(List.of(new Reference(FROM)))).isEqualTo("body");
    }
}
