package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Spelling tolerance measured on a labelled set ({@code vocabulary/fuzzy_labelled_pairs.csv}): realistic
 * misspellings that should match their term, and real near-miss MedDRA term pairs (opposites, other roots,
 * numbers) that must not. Precision (of the pairs tolerance joins, how many are right) must be at least 99%;
 * recall is printed.
 */
class SpellingToleranceTest {

    private static final Set<String> PROTECTED = VocabularyFiles.protectedWords();

    record Pair(String text, String name, boolean match) {}

    static List<Pair> pairs() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (Reader in = new InputStreamReader(
                SpellingToleranceTest.class.getResourceAsStream("/vocabulary/fuzzy_labelled_pairs.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setCommentMarker('#')
                    .build()
                    .parse(in)) {
                out.add(new Pair(r.get("text"), r.get("name"), r.get("label").equals("match")));
            }
        }
        return out;
    }

    static boolean joins(Pair p) {
        return EditDistance.alignedEdits(
                        TextNormalizer.forMatching(p.text()), TextNormalizer.forMatching(p.name()), PROTECTED)
                >= 0;
    }

    @Test
    void precisionOnTheLabelledSetIsAtLeast99Percent() throws IOException {
        List<Pair> pairs = pairs();
        List<Pair> wrong = pairs.stream().filter(p -> !p.match() && joins(p)).toList();
        List<Pair> missed = pairs.stream().filter(p -> p.match() && !joins(p)).toList();
        long joined = pairs.stream().filter(SpellingToleranceTest::joins).count();
        long right = joined - wrong.size();
        long positives = pairs.stream().filter(Pair::match).count();
        double precision = joined == 0 ? 1 : (double) right / joined;
        double recall = (double) right / positives;
        System.out.printf(
                "Spelling tolerance on %d labelled pairs: precision %.3f (%d of %d joined), recall %.3f"
                        + " (%d of %d misspellings); missed %s%n",
                pairs.size(), precision, right, joined, recall, right, positives, missed);
        assertThat(pairs.stream().filter(p -> !p.match()).count()).isGreaterThanOrEqualTo(60);
        assertThat(positives).isGreaterThanOrEqualTo(60);
        assertThat(wrong).as("near-miss terms joined").isEmpty();
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).as("recall, missed %s", missed).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theGuardOnWords() {
        assertThat(MeaningGuard.differ("hypernatremia", "hyponatremia")).isTrue();
        assertThat(MeaningGuard.differ("increased", "decreased")).isTrue();
        assertThat(MeaningGuard.differ("dysphonia", "dysphagia")).isTrue();
        assertThat(MeaningGuard.differ("abasia", "ataxia")).isTrue();
        assertThat(MeaningGuard.differ("b12", "b6")).isTrue();
        assertThat(MeaningGuard.differ("phasia", "aphasia")).isTrue();
        assertThat(MeaningGuard.differ("hypertention", "hypertension")).isFalse();
        assertThat(MeaningGuard.differ("dysphagai", "dysphagia")).isFalse();
        assertThat(MeaningGuard.differ("nausia", "nausea")).isFalse();
    }
}
