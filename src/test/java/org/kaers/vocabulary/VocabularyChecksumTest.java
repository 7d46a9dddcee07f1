package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The reference vocabulary migration runs again when the normaliser changes (issue #15: its checksum ignored
 * {@link TextNormalizer}, so a changed normaliser left the stored normal forms stale).
 */
class VocabularyChecksumTest {

    @Test
    void theChecksumIsThatOfTheShippedNormaliser() {
        assertThat(VocabularyFiles.checksum(TextNormalizer::forMatching)).isEqualTo(VocabularyFiles.checksum());
        assertThat(VocabularyFiles.checksum()).isEqualTo(VocabularyFiles.checksum());
    }

    @Test
    void aNormaliserThatDiffersInAnyRuleGivesAnotherChecksum() {
        int shipped = VocabularyFiles.checksum();
        UnaryOperator<String> keepsPlurals = s -> TextNormalizer.basic(s).replace("oea", "ea");
        UnaryOperator<String> keepsBritishSpelling = s -> TextNormalizer.basic(s);
        UnaryOperator<String> keepsAccents = s -> TextNormalizer.forMatching(s.replace("\u00e9", "e\u0000"));
        UnaryOperator<String> splitsDigits = s -> TextNormalizer.forMatching(s.replaceAll("(\\d)(\\D)", "$1 $2"));
        assertThat(VocabularyFiles.checksum(keepsPlurals)).isNotEqualTo(shipped);
        assertThat(VocabularyFiles.checksum(keepsBritishSpelling)).isNotEqualTo(shipped);
        assertThat(VocabularyFiles.checksum(keepsAccents)).isNotEqualTo(shipped);
        assertThat(VocabularyFiles.checksum(splitsDigits)).isNotEqualTo(shipped);
    }

    @Test
    void everyProbeExercisesTheNormaliser() {
        for (String probe : VocabularyFiles.NORMALISER_PROBES) {
            assertThat(TextNormalizer.forMatching(probe)).as(probe).isNotEqualTo(probe);
        }
    }
}
