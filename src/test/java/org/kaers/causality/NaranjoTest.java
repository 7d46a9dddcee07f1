package org.kaers.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.causality.model.NaranjoAnswer.DONT_KNOW;
import static org.kaers.causality.model.NaranjoAnswer.NO;
import static org.kaers.causality.model.NaranjoAnswer.YES;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kaers.causality.model.NaranjoAnswer;
import org.kaers.causality.model.NaranjoBand;

class NaranjoTest {

    /**
     * A worked example in the textbook manner (a kratom hepatitis as in the published case series): previous
     * conclusive reports exist (Q1 yes +1), the jaundice followed the start (Q2 yes +2), it resolved on stopping
     * (Q3 yes +1), no re-exposure (Q4 don't know 0), viral and biliary causes excluded (Q5 no +2), no placebo
     * (Q6 don't know 0), no levels measured (Q7 don't know 0), no dose information (Q8 don't know 0), no earlier
     * similar reaction (Q9 no 0), liver biopsy confirmed drug-induced injury (Q10 yes +1):
     * 1 + 2 + 1 + 0 + 2 + 0 + 0 + 0 + 0 + 1 = 7, probable.
     */
    @Test
    void kratomHepatitisScoresSevenProbable() {
        Naranjo answers = new Naranjo(YES, YES, YES, DONT_KNOW, NO, DONT_KNOW, DONT_KNOW, DONT_KNOW, NO, YES);
        assertThat(answers.score()).isEqualTo(7);
        assertThat(answers.band()).isEqualTo(NaranjoBand.PROBABLE);
    }

    /**
     * A positive rechallenge with a measured level (Naranjo's "definite" pattern): Q1 +1, Q2 +2, Q3 +1, Q4 +2,
     * Q5 no +2, Q6 don't know 0, Q7 +1, Q8 +1, Q9 no 0, Q10 +1 = 11, definite.
     */
    @Test
    void rechallengeWithLevelsIsDefinite() {
        Naranjo answers = new Naranjo(YES, YES, YES, YES, NO, DONT_KNOW, YES, YES, NO, YES);
        assertThat(answers.score()).isEqualTo(11);
        assertThat(answers.band()).isEqualTo(NaranjoBand.DEFINITE);
    }

    /**
     * Published worked examples, each scored item by item in its source (a 0 on a question whose "no" scores
     * otherwise is read as "don't know"):
     * <ul>
     * <li>Ther Clin Risk Manag 2018;14:1657, Table 1 (PMC6136411): 0, +2, +1, 0, +2, 0, 0, 0, 0, +1 = 6,
     * "rated as probable";</li>
     * <li>World J Clin Cases 2024;12(7):1371, Table 1: +1, +2, 0, 0, -1 (an alternative cause: yes), 0, 0, 0, 0,
     * +1 = 3, possible;</li>
     * <li>Korean J Clin Pharm 2019;29:56, Table 1: yes, yes, yes, then don't know for Q4-Q8, no for Q9, don't
     * know for Q10 = 4, possible.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TCRM 2018, DONT_KNOW YES YES DONT_KNOW NO DONT_KNOW DONT_KNOW DONT_KNOW DONT_KNOW YES, 6, PROBABLE",
        "WJCC 2024, YES YES DONT_KNOW DONT_KNOW YES DONT_KNOW DONT_KNOW DONT_KNOW DONT_KNOW YES, 3, POSSIBLE",
        "KJCP 2019, YES YES YES DONT_KNOW DONT_KNOW DONT_KNOW DONT_KNOW DONT_KNOW NO DONT_KNOW, 4, POSSIBLE"
    })
    void publishedWorkedExamples(String source, String answers, int score, NaranjoBand band) {
        NaranjoAnswer[] a = java.util.Arrays.stream(answers.split(" "))
                .map(NaranjoAnswer::valueOf)
                .toArray(NaranjoAnswer[]::new);
        Naranjo naranjo = new Naranjo(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
        assertThat(naranjo.score()).as(source).isEqualTo(score);
        assertThat(naranjo.band()).as(source).isEqualTo(band);
    }

    @Test
    void extremesAreMinusFourAndThirteen() {
        // the lowest: Q2 no -1, Q4 no -1, Q5 yes -1, Q6 yes -1, everything else scoring 0 on "no"
        assertThat(new Naranjo(NO, NO, NO, NO, YES, YES, NO, NO, NO, NO).score())
                .isEqualTo(-4);
        // the highest: yes everywhere except Q5 (no +2) and Q6 (no +1)
        assertThat(new Naranjo(YES, YES, YES, YES, NO, NO, YES, YES, YES, YES).score())
                .isEqualTo(13);
        assertThat(new Naranjo(
                                DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW,
                                DONT_KNOW, DONT_KNOW)
                        .score())
                .isZero();
    }

    @Test
    void everyWeightAsPublished() {
        int[][] expected = {
            {1, 0, 0},
            {2, -1, 0},
            {1, 0, 0},
            {2, -1, 0},
            {-1, 2, 0},
            {-1, 1, 0},
            {1, 0, 0},
            {1, 0, 0},
            {1, 0, 0},
            {1, 0, 0}
        };
        NaranjoAnswer[] options = {YES, NO, DONT_KNOW};
        for (int q = 0; q < 10; q++) {
            for (int o = 0; o < 3; o++) {
                NaranjoAnswer[] answers = new NaranjoAnswer[10];
                java.util.Arrays.fill(answers, DONT_KNOW);
                answers[q] = options[o];
                Naranjo n = new Naranjo(
                        answers[0],
                        answers[1],
                        answers[2],
                        answers[3],
                        answers[4],
                        answers[5],
                        answers[6],
                        answers[7],
                        answers[8],
                        answers[9]);
                assertThat(n.score())
                        .as("question %d answered %s", q + 1, options[o])
                        .isEqualTo(expected[q][o]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "-4, DOUBTFUL",
        "0, DOUBTFUL",
        "1, POSSIBLE",
        "4, POSSIBLE",
        "5, PROBABLE",
        "8, PROBABLE",
        "9, DEFINITE",
        "13, DEFINITE"
    })
    void bandBoundaries(int score, NaranjoBand band) {
        assertThat(NaranjoBand.of(score)).isEqualTo(band);
    }
}
