package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "seizure, seizure, 0",
        "siezure, seizure, 1", // transposition counts once
        "nausia, nausea, 1",
        "naseau, nausea, 2",
        "jaundise, jaundice, 1",
        "withdrawl symptom, withdrawal symptom, 1",
        "respiratory depresion, respiratory depression, 1",
        "fit, fat, -1", // 3 letters: must be equal
        "itch, itchy, 1",
        "rash, wash, 1",
        "rash, ash, -1",
        "felt off, feel sick, -1",
        "reaction, no reaction, -1", // word counts differ
        "dizzyness, dizziness, 1",
        "abcdefgh, hgfedcba, -1",
        "vomitting blood, vomiting blod, 2",
        "vomitting bloood, vomiting blod, -1"
    }) // three edits in all
    void alignedEdits(String a, String b, int expected) {
        assertThat(EditDistance.alignedEdits(a, b)).isEqualTo(expected);
    }
}
