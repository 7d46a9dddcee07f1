package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped reference lists are consistent under the normaliser the coder uses. */
class VocabularyFilesTest {

    private static final Set<String> ORGAN_CLASSES = Set.of(
            "HEPATOBILIARY",
            "NERVOUS_SYSTEM",
            "RESPIRATORY",
            "CARDIAC",
            "VASCULAR",
            "PSYCHIATRIC",
            "GASTROINTESTINAL",
            "GENERAL",
            "SKIN",
            "RENAL",
            "MUSCULOSKELETAL",
            "METABOLISM",
            "BLOOD",
            "EYE",
            "EAR",
            "ENDOCRINE",
            "IMMUNE",
            "INFECTIONS",
            "INVESTIGATIONS",
            "INJURY_POISONING",
            "PREGNANCY_NEONATAL",
            "REPRODUCTIVE",
            "SOCIAL_CIRCUMSTANCES",
            "UNCLASSIFIED");

    @Test
    void termsHaveUniqueCodesValidClassesAndUnambiguousNames() {
        List<VocabularyFiles.TermRow> terms = VocabularyFiles.terms();
        assertThat(terms).hasSizeGreaterThanOrEqualTo(150);
        Set<String> codes = new HashSet<>();
        Map<String, String> owner = new HashMap<>();
        for (VocabularyFiles.TermRow term : terms) {
            assertThat(codes.add(term.code()))
                    .as("duplicate code %s", term.code())
                    .isTrue();
            assertThat(term.code()).matches("KT\\d{4}");
            assertThat(ORGAN_CLASSES).as("organ class of %s", term.code()).contains(term.organClass());
            Set<String> ownNames = new HashSet<>();
            ownNames.add(TextNormalizer.forMatching(term.preferredName()));
            term.synonyms().forEach(s -> ownNames.add(TextNormalizer.forMatching(s)));
            for (String name : ownNames) {
                assertThat(name)
                        .as("a name of %s normalises to nothing", term.code())
                        .isNotEmpty();
                String previous = owner.put(name, term.code());
                assertThat(previous)
                        .as("'%s' names both %s and %s", name, previous, term.code())
                        .isNull();
            }
        }
    }

    @Test
    void substancesHaveValidPatterns() {
        List<VocabularyFiles.SubstanceRow> substances = VocabularyFiles.substances();
        Set<String> codes = new HashSet<>();
        for (VocabularyFiles.SubstanceRow s : substances) {
            assertThat(codes.add(s.code())).isTrue();
            Pattern.compile(s.detectionPattern());
        }
        assertThat(codes).contains("KRATOM", "SEVEN_OH", "FENTANYL", "ALCOHOL", "BENZODIAZEPINE", "OTHER", "UNKNOWN");
    }

    @Test
    void seedProductsNameKnownSubstancesAndOwnTheirAliasesAlone() {
        Set<String> substances = new HashSet<>();
        VocabularyFiles.substances().forEach(s -> substances.add(s.code()));
        Map<String, String> owner = new HashMap<>();
        for (VocabularyFiles.ProductRow p : VocabularyFiles.products()) {
            assertThat(substances).as("substance of %s", p.name()).contains(p.substance());
            for (String alias : p.aliases()) {
                String previous = owner.put(TextNormalizer.forMatching(alias), p.name());
                assertThat(previous == null || previous.equals(p.name()))
                        .as("alias '%s' of %s and %s", alias, previous, p.name())
                        .isTrue();
            }
        }
    }
}
