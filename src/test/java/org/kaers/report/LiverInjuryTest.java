package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.fixtures.RequestBuilders.lab;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kaers.report.model.LiverInjury;

/**
 * Every expected number is worked out by hand in a comment: multiples of ULN first, then
 * R = (ALT/ULN) / (ALP/ULN) rounded half-up to 3 decimals.
 */
class LiverInjuryTest {

    private static LiverInjury liver(BigDecimal rRatio, LiverInjuryPattern pattern, Boolean hysLaw) {
        return new LiverInjury(rRatio, pattern, hysLaw);
    }

    private static BigDecimal r(String value) {
        return new BigDecimal(value);
    }

    @Nested
    class NothingToAssess {

        @Test
        void nullLabsGiveNoAssessment() {
            assertThat(LiverInjury.assess(null)).isNull();
        }

        @Test
        void emptyLabsGiveNoAssessment() {
            assertThat(LiverInjury.assess(List.of())).isNull();
        }

        @Test
        void labsWithoutUpperLimitOfNormalAreIgnored() {
            // Each of these alone would give an R ratio and a Hy's law verdict if its ULN were known.
            assertThat(LiverInjury.assess(List.of(
                            lab("ALT", "1250", null), lab("ALP", "200", null), lab("TOTAL_BILIRUBIN", "6.2", null))))
                    .isNull();
        }

        @Test
        void otherTestsAreIgnored() {
            assertThat(LiverInjury.assess(List.of(lab("CREATININE", "5", "1.2"), lab("GGT", "900", "60"))))
                    .isNull();
        }

        @Test
        void anElevatedAltWithoutAlpOrBilirubinAllowsNoAssessment() {
            // ALT 200/40 = 5x: Hy's law not ruled out, but bilirubin and ALP are unknown; no ALP, no R.
            assertThat(LiverInjury.assess(List.of(lab("ALT", "200", "40")))).isNull();
        }

        @Test
        void hysLawCriteriaWithoutAlpAllowNoAssessment() {
            // ALT 200/40 = 5x >= 3, bilirubin 3.6/1.2 = 3x > 2, ALP unknown: neither R nor Hy's law.
            assertThat(LiverInjury.assess(List.of(lab("ALT", "200", "40"), lab("TOTAL_BILIRUBIN", "3.6", "1.2"))))
                    .isNull();
        }
    }

    @Nested
    class RRatioAndPattern {

        @Test
        void aTypicalHepatocellularCaseWithHysLaw() {
            // ALT 1250/40 = 31.25x; ALP 200/120 = 1.667x; bilirubin 6.2/1.2 = 5.167x.
            // R = 31.25 / (200/120) = 31.25 x 120 / 200 = 18.75 -> 18.750, >= 5: hepatocellular.
            // Hy's law: 31.25 >= 3, 5.167 > 2, 1.667 < 2: true.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "1250", "40"), lab("ALP", "200", "120"), lab("TOTAL_BILIRUBIN", "6.2", "1.2")));

            assertThat(result).isEqualTo(liver(r("18.750"), LiverInjuryPattern.HEPATOCELLULAR, true));
        }

        @ParameterizedTest(name = "ALT {0}/100, ALP {1}/100 -> R {2} {3}")
        @CsvSource({
            "1000, 50, 20.000, HEPATOCELLULAR", // 10 / 0.5 = 20 (ALP below its ULN, ALT above)
            "500, 100, 5.000, HEPATOCELLULAR", // 5 / 1 = 5: exactly 5 is hepatocellular
            "499, 100, 4.990, MIXED", // 4.99 / 1
            "300, 100, 3.000, MIXED", // 3 / 1
            "201, 100, 2.010, MIXED", // 2.01 / 1
            "200, 100, 2.000, CHOLESTATIC", // 2 / 1 = 2: exactly 2 is cholestatic
            "100, 300, 0.333, CHOLESTATIC", // 1 / 3 = 0.3333 (ALT at its ULN, ALP above)
            "101, 20, 5.050, HEPATOCELLULAR"
        }) // 1.01 / 0.2 = 5.05: ALT just above its ULN is enough
        void patternFromR(String alt, String alp, String expectedR, LiverInjuryPattern expected) {
            LiverInjury result = LiverInjury.assess(List.of(lab("ALT", alt, "100"), lab("ALP", alp, "100")));

            assertThat(result.rRatio()).isEqualTo(r(expectedR));
            assertThat(result.pattern()).isEqualTo(expected);
        }

        @ParameterizedTest(name = "ALT {0}/100, ALP {1}/100 -> R {2}, no pattern")
        @CsvSource({
            "90, 50, 1.800", // 0.9 / 0.5: neither above its ULN
            "100, 20, 5.000", // 1 / 0.2: ALT exactly at its ULN is not above it
            "100, 100, 1.000"
        }) // both exactly at their ULN
        void noPatternWhenNeitherAltNorAlpExceedsItsUln(String alt, String alp, String expectedR) {
            // Hy's law: ALT <= 1x < 3 but AST and bilirubin unmeasured, ALP < 2x: not assessable.
            assertThat(LiverInjury.assess(List.of(lab("ALT", alt, "100"), lab("ALP", alp, "100"))))
                    .isEqualTo(liver(r(expectedR), null, null));
        }

        @Test
        void theRRatioUsesThePeakMultipleOfUlnNotThePeakValue() {
            // ALT 200/50 = 4x and 210/70 = 3x: the peak multiple is 4 (the larger value 210 is the smaller multiple).
            // ALP 100/100 = 1x. R = 4 / 1 = 4.000: mixed. Hy's law: bilirubin unknown -> null.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "210", "70"), lab("ALT", "200", "50"), lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("4.000"), LiverInjuryPattern.MIXED, null));
        }

        @Test
        void thePeakOfSeveralResultsIsUsedForEachTest() {
            // ALT 80/40 = 2x, 400/40 = 10x, 120/40 = 3x -> 10x. ALP 130/130 = 1x, 260/130 = 2x -> 2x.
            // R = 10 / 2 = 5.000: hepatocellular. Hy's law: ALP 2x is not < 2 -> false.
            LiverInjury result = LiverInjury.assess(List.of(
                    lab("ALT", "80", "40"),
                    lab("ALP", "130", "130"),
                    lab("ALT", "400", "40"),
                    lab("ALP", "260", "130"),
                    lab("ALT", "120", "40")));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, false));
        }

        @Test
        void aResultWithoutUlnIsIgnoredNextToOnesWithUln() {
            // ALT 5000 (no ULN) ignored; ALT 80/40 = 2x. ALP 100/100 = 1x. R = 2.000: cholestatic.
            // Hy's law: ALT 2x < 3 (AST 40/40 = 1x < 3 too) -> false.
            LiverInjury result = LiverInjury.assess(List.of(
                    lab("ALT", "5000", null),
                    lab("ALT", "80", "40"),
                    lab("AST", "40", "40"),
                    lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("2.000"), LiverInjuryPattern.CHOLESTATIC, false));
        }

        @ParameterizedTest(name = "ALT {0}/{1}, ALP {2}/{3} -> R {4}")
        @CsvSource({
            "100, 30, 100, 100, 3.333", // 3.3333... / 1 -> 3.333 (rounded down)
            "200, 100, 300, 100, 0.667", // 2 / 3 = 0.6666... -> 0.667 (rounded up)
            "700, 100, 300, 100, 2.333", // 7 / 3 = 2.3333... -> 2.333
            "200.05, 100, 100, 100, 2.001", // 2.0005 -> 2.001 (half up)
            "3, 1.99, 1, 1, 1.508", // (3/1.99) / 1 = 1.50754 -> 1.508
            "1250, 40, 400, 120, 9.375"
        }) // 31.25 / 3.3333 = 9.375
        void theRRatioIsRoundedHalfUpToThreeDecimals(
                String alt, String altUln, String alp, String alpUln, String expected) {
            LiverInjury result = LiverInjury.assess(List.of(lab("ALT", alt, altUln), lab("ALP", alp, alpUln)));

            assertThat(result.rRatio()).isEqualTo(r(expected)); // equals: value and scale 3
            assertThat(result.rRatio().scale()).isEqualTo(3);
        }

        @Test
        void noRRatioWithoutAlt() {
            // AST 200/40 = 5x stands in for ALT in Hy's law only. Bilirubin 2.5/1 = 2.5x > 2; ALP 80/100 = 0.8x < 2.
            // R needs ALT: none. Hy's law: true.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("AST", "200", "40"), lab("TOTAL_BILIRUBIN", "2.5", "1"), lab("ALP", "80", "100")));

            assertThat(result).isEqualTo(liver(null, null, true));
        }
    }

    @Nested
    class HysLaw {

        @Test
        void altExactlyThreeTimesUlnCounts() {
            // ALT 120/40 = 3x (>= 3), bilirubin 2.01/1 = 2.01x (> 2), ALP 199/100 = 1.99x (< 2): true.
            // R = 3 / 1.99 = 1.5075 -> 1.508: cholestatic (<= 2).
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "120", "40"), lab("TOTAL_BILIRUBIN", "2.01", "1"), lab("ALP", "199", "100")));

            assertThat(result).isEqualTo(liver(r("1.508"), LiverInjuryPattern.CHOLESTATIC, true));
        }

        @Test
        void astExactlyThreeTimesUlnCountsWhenAltIsLower() {
            // ALT 80/40 = 2x, AST 150/50 = 3x: max 3 >= 3. Bilirubin 3/1 = 3x > 2. ALP 100/100 = 1x < 2: true.
            // R = 2 / 1 = 2.000: cholestatic.
            LiverInjury result = LiverInjury.assess(List.of(
                    lab("ALT", "80", "40"),
                    lab("AST", "150", "50"),
                    lab("TOTAL_BILIRUBIN", "3", "1"),
                    lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("2.000"), LiverInjuryPattern.CHOLESTATIC, true));
        }

        @Test
        void altAndAstBelowThreeTimesUlnRuleItOut() {
            // ALT 119.6/40 = 2.99x, AST 100/40 = 2.5x: max 2.99 < 3 -> false.
            // Bilirubin 5/1 = 5x and ALP 100/100 = 1x would qualify. R = 2.99 / 1 = 2.990: mixed.
            LiverInjury result = LiverInjury.assess(List.of(
                    lab("ALT", "119.6", "40"),
                    lab("AST", "100", "40"),
                    lab("TOTAL_BILIRUBIN", "5", "1"),
                    lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("2.990"), LiverInjuryPattern.MIXED, false));
        }

        @Test
        void bilirubinExactlyTwiceUlnDoesNotCount() {
            // ALT 500/100 = 5x >= 3, bilirubin 2.4/1.2 = 2x (not > 2), ALP 100/100 = 1x: false.
            // R = 5 / 1 = 5.000: hepatocellular.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "500", "100"), lab("TOTAL_BILIRUBIN", "2.4", "1.2"), lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, false));
        }

        @Test
        void bilirubinJustAboveTwiceUlnCounts() {
            // Same as above with bilirubin 2.412/1.2 = 2.01x > 2: true.
            LiverInjury result = LiverInjury.assess(List.of(
                    lab("ALT", "500", "100"), lab("TOTAL_BILIRUBIN", "2.412", "1.2"), lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, true));
        }

        @Test
        void alpExactlyTwiceUlnRulesItOut() {
            // ALT 400/40 = 10x >= 3, bilirubin 3/1 = 3x > 2, ALP 240/120 = 2x (not < 2): false.
            // R = 10 / 2 = 5.000: hepatocellular.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "400", "40"), lab("TOTAL_BILIRUBIN", "3", "1"), lab("ALP", "240", "120")));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, false));
        }

        @Test
        void alpJustBelowTwiceUlnQualifies() {
            // ALT 400/40 = 10x, bilirubin 3x, ALP 238.8/120 = 1.99x < 2: true.
            // R = 10 / 1.99 = 5.0251 -> 5.025: hepatocellular.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "400", "40"), lab("TOTAL_BILIRUBIN", "3", "1"), lab("ALP", "238.8", "120")));

            assertThat(result).isEqualTo(liver(r("5.025"), LiverInjuryPattern.HEPATOCELLULAR, true));
        }

        @Test
        void unknownBilirubinLeavesHysLawUnassessed() {
            // ALT 200/40 = 5x >= 3, ALP 100/100 = 1x < 2, bilirubin not measured: null.
            // R = 5 / 1 = 5.000: hepatocellular.
            LiverInjury result = LiverInjury.assess(List.of(lab("ALT", "200", "40"), lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, null));
        }

        @Test
        void bilirubinWithoutUlnLeavesHysLawUnassessed() {
            // As above, with a bilirubin result that has no ULN (ignored): still null.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "200", "40"), lab("ALP", "100", "100"), lab("TOTAL_BILIRUBIN", "9", null)));

            assertThat(result).isEqualTo(liver(r("5.000"), LiverInjuryPattern.HEPATOCELLULAR, null));
        }

        @Test
        void aLowBilirubinAloneRulesItOut() {
            // Bilirubin 1.8/1.2 = 1.5x <= 2: false, whatever ALT, AST and ALP are. No ALT/ALP: no R.
            assertThat(LiverInjury.assess(List.of(lab("TOTAL_BILIRUBIN", "1.8", "1.2"))))
                    .isEqualTo(liver(null, null, false));
        }

        @Test
        void aHighAlpAloneRulesItOut() {
            // ALP 300/120 = 2.5x >= 2: false. No ALT: no R.
            assertThat(LiverInjury.assess(List.of(lab("ALP", "300", "120")))).isEqualTo(liver(null, null, false));
        }

        @Test
        void lowAltAndAstAloneRuleItOut() {
            // ALT 60/40 = 1.5x and AST 50/40 = 1.25x: both < 3 -> false. No ALP: no R.
            assertThat(LiverInjury.assess(List.of(lab("ALT", "60", "40"), lab("AST", "50", "40"))))
                    .isEqualTo(liver(null, null, false));
        }

        @Test
        void aLowAltWithUnknownAstLeavesHysLawUnassessed() {
            // ALT 80/40 = 2x < 3, AST not measured (it could be >= 3x), bilirubin 3/1 = 3x > 2, ALP 100/100 = 1x < 2.
            // "ALT or AST >= 3" is undecided, so by the documented contract Hy's law is null.
            // R = 2 / 1 = 2.000: cholestatic.
            LiverInjury result = LiverInjury.assess(
                    List.of(lab("ALT", "80", "40"), lab("TOTAL_BILIRUBIN", "3", "1"), lab("ALP", "100", "100")));

            assertThat(result).isEqualTo(liver(r("2.000"), LiverInjuryPattern.CHOLESTATIC, null));
        }
    }

    @Test
    void patternFollowsTheExactRatioNotTheRoundedOne() {
        // ALT 200.04/100 = 2.0004x, ALP 100/100 = 1x: R = 2.0004 > 2 -> MIXED, shown rounded as 2.000.
        assertThat(LiverInjury.assess(List.of(lab("ALT", "200.04", "100"), lab("ALP", "100", "100")))
                        .pattern())
                .isEqualTo(LiverInjuryPattern.MIXED);
        // ALT 499.96/100, ALP 100/100: R = 4.9996 < 5 -> MIXED, shown rounded as 5.000.
        LiverInjury nearFive = LiverInjury.assess(List.of(lab("ALT", "499.96", "100"), lab("ALP", "100", "100")));
        assertThat(nearFive.pattern()).isEqualTo(LiverInjuryPattern.MIXED);
        assertThat(nearFive.rRatio()).isEqualByComparingTo("5.000");
    }
}
