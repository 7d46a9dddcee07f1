package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Automatic product merges measured on a labelled set of realistic name pairs
 * ({@code vocabulary/product_merge_pairs.csv}: misspellings of one product, and siblings that differ in a
 * strength, an edition, a form or a flavour): precision at least 99 %, and enough recall that the rule is no
 * "never merge".
 */
class ProductNamesTest {

    private static final double THRESHOLD = 0.7;

    record Pair(String a, String b, boolean same) {}

    @Test
    void automaticMergesArePreciseOnTheLabelledPairs() throws IOException {
        List<Pair> pairs = pairs();
        int merged = 0;
        int right = 0;
        int same = 0;
        List<String> wrong = new ArrayList<>();
        for (Pair p : pairs) {
            boolean auto = ProductNames.certainlySame(p.a(), p.b(), THRESHOLD);
            assertThat(ProductNames.certainlySame(p.b(), p.a(), THRESHOLD))
                    .as("symmetric: " + p)
                    .isEqualTo(auto);
            same += p.same() ? 1 : 0;
            if (auto) {
                merged++;
                if (p.same()) {
                    right++;
                } else {
                    wrong.add(p.a() + " / " + p.b());
                }
            }
        }
        double precision = (double) right / merged;
        double recall = (double) right / same;
        System.out.printf(
                "automatic merges on %d labelled pairs: %d merged, precision %.3f, recall %.3f%n",
                pairs.size(), merged, precision, recall);
        assertThat(pairs).hasSizeGreaterThan(150);
        assertThat(wrong).as("wrong automatic merges").isEmpty();
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).isGreaterThan(0.5);
    }

    @Test
    void distinguishingTokensNeverMergeAutomatically() {
        assertThat(ProductNames.certainlySame("CENTRUM SILVER ULTRA WOMEN'S", "CENTRUM SILVER ULTRA MENS", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame("VITAMIN B3", "VITAMIN", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame("PRESERVISION AREDS 2", "PRESERVISION AREDS", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame("VITAMIN D3", "VITAMIN D2", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame("REUMOFAN PLUS", "REUMOFAN", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame("KRATOM POWDER", "KRATOM CAPSULES", THRESHOLD))
                .isFalse();
        assertThat(ProductNames.certainlySame(
                        "OPTIMUM NUTRITION GOLD STANDARD WHEY", "OPTIMUM NUTRITON GOLD STANDARD WHEY", THRESHOLD))
                .isTrue();
        assertThat(ProductNames.certainlySame("MAENG DA KRATOM", "MAENGDA KRATOM", THRESHOLD))
                .isTrue();
    }

    @Test
    void placeholdersForConfidentialNames() {
        for (String p :
                List.of("REDACTED", "Redacted", "(B)(4)", "EXEMPTION 4", "(b)(4) REDACTED", "B4", "Exemption (b)(4)")) {
            assertThat(ProductNames.isPlaceholder(p)).as(p).isTrue();
        }
        for (String p : List.of("KRATOM", "REDACTED KRATOM CAPSULES BY EXEMPTION", "4", "VITAMIN B4", "")) {
            assertThat(ProductNames.isPlaceholder(p)).as(p).isFalse();
        }
    }

    @Test
    void trigramSimilarityAsPgTrgm() {
        // pg_trgm: similarity('word', 'two words') = 0.363636 (4 shared of 11 trigrams).
        assertThat(ProductNames.similarity("word", "two words"))
                .isCloseTo(4.0 / 11, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ProductNames.similarity("kratom", "kratom")).isEqualTo(1.0);
    }

    private static List<Pair> pairs() throws IOException {
        List<Pair> out = new ArrayList<>();
        try (InputStream in = ProductNamesTest.class.getResourceAsStream("/vocabulary/product_merge_pairs.csv");
                CSVParser csv = CSVParser.parse(
                        in,
                        StandardCharsets.UTF_8,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .get())) {
            for (CSVRecord r : csv) {
                out.add(new Pair(r.get("name_a"), r.get("name_b"), Boolean.parseBoolean(r.get("same"))));
            }
        }
        return out;
    }

    @org.junit.jupiter.api.Nested
    class SpellingOfOneWord {

        private boolean same(String a, String b) {
            boolean ab = ProductNames.certainlySame(a, b, THRESHOLD);
            assertThat(ProductNames.certainlySame(b, a, THRESHOLD))
                    .as("symmetric")
                    .isEqualTo(ab);
            return ab;
        }

        @Test
        void oneSlipInOneLongWordIsTheSameProduct() {
            assertThat(same("SUPER GREEN KRATON", "SUPER GREEN KRATOM"))
                    .as("6 letters, 1 edit")
                    .isTrue();
            assertThat(same("SUPER GREEN MAENG", "SUPER GREEN MAING"))
                    .as("5 letters, 1 edit")
                    .isTrue();
            assertThat(same("SUPER GREEN MALAYSIAN KRATOM POWDER", "SUPER GREEN MALAYSAIN KRATOM POWDER"))
                    .as("a transposition")
                    .isTrue();
            assertThat(same("SUPER GREEN MALAYSIAN KRATOM POWDER", "SUPER GREEN MELAYSEAN KRATOM POWDER"))
                    .as("9 letters, 2 edits")
                    .isTrue();
            assertThat(same("GREEN MAENG DA", "MAENG DA GREEN"))
                    .as("the same words reordered")
                    .isTrue();
        }

        @Test
        void shortWordsTwoSlipsTwoWordsDigitsAndEditionsAreNot() {
            assertThat(same("SUPER GREEN BALI", "SUPER GREEN BALY"))
                    .as("4 letters")
                    .isFalse();
            assertThat(same("SUPER GREEN MALAYAN KRATOM POWDER", "SUPER GREEN MELAYEN KRATOM POWDER"))
                    .as("7 letters, 2 edits")
                    .isFalse();
            assertThat(same("SUPER GREEN KRATON", "SUPAR GREEN KRATOM"))
                    .as("two words differ")
                    .isFalse();
            assertThat(same("KRATOM EXTRACT 50X", "KRATOM EXTRACT 60X"))
                    .as("a strength")
                    .isFalse();
            assertThat(same("MAENG DA KRATOM", "MAENG DA")).as("a word more").isFalse();
            assertThat(same("KRATOM", "")).as("nothing to compare").isFalse();
            assertThat(ProductNames.certainlySame("MAENG DA", "MAENG DA KRATOM", 0.01))
                    .as("a word more, whatever the threshold")
                    .isFalse();
        }
    }

    @Test
    void theKeysOfAnAliasAndTheProbesOfANameMeetOnOneWordMoreOrFewer() {
        assertThat(ProductNames.keys("maeng da kratom"))
                .containsExactly(
                        "b:da kratom maeng",
                        "n:maengdakratom",
                        "f:maeng da kratom",
                        "m:* da kratom",
                        "d:da kratom",
                        "m:maeng * kratom",
                        "d:maeng kratom",
                        "m:maeng da *",
                        "d:maeng da");
        assertThat(ProductNames.keys("kratom")).containsExactly("b:kratom", "n:kratom", "f:kratom");
        assertThat(ProductNames.probes("maeng da"))
                .containsExactly("b:da maeng", "n:maengda", "d:maeng da", "m:* da", "f:da", "m:maeng *", "f:maeng");
        assertThat(ProductNames.probes("kratom")).containsExactly("b:kratom", "n:kratom", "d:kratom");
        assertThat(ProductNames.probes("maeng da kratom"))
                .as("one word fewer: the probe of the longer name is the key f: of the shorter")
                .contains("f:maeng da");
    }
}
