package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The anchors that let {@link SubstanceDetector} skip a pattern never change its answer: on every name the
 * detector gives what trying every pattern in file order gives.
 */
class SubstanceDetectorTest {

    private final SubstanceDetector detector = new SubstanceDetector();

    @Test
    void anchorsAreLiteralsEveryMatchContains() {
        assertThat(SubstanceDetector.anchors("\\bkava\\b|\\bkavalactones?\\b|\\bpiper methysticum\\b"))
                .containsExactly("kava", "kavalactone", "piper methysticum");
        assertThat(SubstanceDetector.anchors("\\w+azepam\\b|\\w*barbital\\b")).containsExactly("azepam", "barbital");
        assertThat(SubstanceDetector.anchors("\\bmae?ng ?da\\b|\\bred (?:vein )?bali\\b"))
                .containsExactly("ma", "red ");
        assertThat(SubstanceDetector.anchors("\\b7 ?oh\\b|\\bseven ?oh\\b|(?:a|b)cd|x{0,2}yz|ab+c"))
                .containsExactly("oh", "seven", "cd", "yz", "ab");
        assertThat(SubstanceDetector.anchors("(?<!rubbing )(?<!wood )\\balcohol\\b(?! free)|\\bethanol\\b"))
                .containsExactly("alcohol", "ethanol");
        assertThat(SubstanceDetector.anchors("^unknown(?: \\w+)?$|^not specified$"))
                .containsExactly("unknown", "not specified");
        assertThat(SubstanceDetector.anchors("fentan[iy]l\\w*|\\bfent\\b")).containsExactly("fentan", "fent");
        assertThat(SubstanceDetector.alternatives("a(?:b|c)|[|x]|d")).containsExactly("a(?:b|c)", "[|x]", "d");
        // An alternative without a literal of two characters: the pattern is tried on every name.
        assertThat(SubstanceDetector.anchors("\\b7 ?o\\b|\\bseven\\b")).isNull();
        assertThat(SubstanceDetector.anchors("(?:ab|cd)e|\\bxyz")).isNull();
        assertThat(SubstanceDetector.anchors("[ab]+|abc")).isNull();
    }

    @Test
    void detectionEqualsTryingEveryPattern() throws IOException {
        List<String[]> rules = new ArrayList<>();
        List<String> words = new ArrayList<>(List.of(
                "green",
                "vein",
                "capsules",
                "extract",
                "gold",
                "ultra",
                "500",
                "mg",
                "womens",
                "tea",
                "curry",
                "free",
                "rubbing",
                "sugar",
                "root",
                "x"));
        for (VocabularyFiles.SubstanceRow row : VocabularyFiles.substances()) {
            if (!row.detectionPattern().isEmpty()) {
                rules.add(new String[] {row.code(), row.detectionPattern()});
                // The patterns' own words, so that names hit every rule and its near misses.
                for (String alternative : SubstanceDetector.alternatives(row.detectionPattern())) {
                    for (String w : alternative
                            .replaceAll("\\(\\?<?[!=][^)]*\\)|\\\\[bw][+*]?|[^a-z0-9 ]", " ")
                            .split(" +")) {
                        if (!w.isBlank()) {
                            words.add(w);
                        }
                    }
                }
            }
        }
        List<Pattern> patterns = rules.stream()
                .map(r -> Pattern.compile(r[1], Pattern.CASE_INSENSITIVE))
                .toList();
        List<String> names = new ArrayList<>();
        try (var reader = new InputStreamReader(
                getClass().getClassLoader().getResourceAsStream("vocabulary/product_expectations.csv"),
                StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(reader)) {
                names.add(row.get(0));
            }
        }
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            int n = 1 + random.nextInt(5);
            for (int j = 0; j < n; j++) {
                String w = words.get(random.nextInt(words.size()));
                // glued to the next word now and then, and cut now and then: the edges of the anchors
                name.append(random.nextInt(8) == 0 ? w.substring(random.nextInt(w.length())) : w)
                        .append(random.nextInt(6) == 0 ? "" : " ");
            }
            names.add(name.toString().toUpperCase());
        }
        int matched = 0;
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            String basic = TextNormalizer.basic(name);
            String expected = null;
            for (int r = 0; r < patterns.size() && expected == null; r++) {
                if (patterns.get(r).matcher(basic).find()) {
                    expected = rules.get(r)[0];
                }
            }
            if (expected != null) {
                matched++;
            }
            String actual = detector.detect(name);
            // No pattern matched: OTHER, or UNKNOWN for an unknown-like name (no pattern involved).
            if (expected != null
                    ? !expected.equals(actual)
                    : !actual.equals(SubstanceDetector.OTHER) && !actual.equals(SubstanceDetector.UNKNOWN)) {
                wrong.add(name + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(matched).as("names that some pattern matches").isGreaterThan(5_000);
    }
}
