package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    @ParameterizedTest(name = "basic({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "MAENG DA {KROTAM}|maeng da krotam",
                "  Yellow   skin!! |yellow skin",
                "Hépatite  aiguë|hepatite aigue",
                "7-OH tabs|7 oh tabs",
                "ALT↑ (x10 ULN)|alt x10 uln",
                "''|''"
            })
    void basicForm(String text, String expected) {
        assertThat(TextNormalizer.basic(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "forMatching({0}) = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Diarrhoea|diarrhea",
                "DIARRHOEAS|diarrhea",
                "oedema of legs|edema of leg",
                "Haemorrhage|hemorrhage",
                "Anaemia|anemia",
                "hypoglycaemia|hypoglycemia",
                "Paraesthesia|paresthesia",
                "Seizures|seizure",
                "fits|fit",
                "Hallucinations|hallucination",
                "stress|stress",
                "nausea and vomiting|nausea and vomiting",
                "Tremors|tremor",
                "psoriasis|psoriasis",
                "sinus tachycardia|sinus tachycardia",
                "bus|bus",
                "Gas|gas",
                "faecal incontinence|fecal incontinence",
                "paediatric exposure|pediatric exposure",
                "Tumour|tumor"
            })
    void matchingForm(String text, String expected) {
        assertThat(TextNormalizer.forMatching(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "diarrhea,Diarrhoea",
        "seizure,SEIZURES",
        "jaundice,Jaundice.",
        "drug withdrawal syndrome,DRUG WITHDRAWAL SYNDROME"
    })
    void spellingsMeet(String a, String b) {
        assertThat(TextNormalizer.forMatching(a)).isEqualTo(TextNormalizer.forMatching(b));
    }
}
