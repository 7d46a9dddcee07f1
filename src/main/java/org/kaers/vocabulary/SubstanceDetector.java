package org.kaers.vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Detects the substance of a product from its free-text name ("MAENG DA {KROTAM}" is KRATOM) with the
 * pattern of {@code vocabulary/substances.csv}, matched against the {@link TextNormalizer#basic} form.
 * The first substance in file order with a matching pattern wins; no match is UNKNOWN for an empty or
 * "unknown"-like name and OTHER for any other name.
 */
@ApplicationScoped
public class SubstanceDetector {

    public static final String UNKNOWN = "UNKNOWN";
    public static final String OTHER = "OTHER";
    private static final Set<String> UNKNOWN_NAMES = Set.of("", "unknown", "unk", "n a", "na", "not known", "none");

    private record Rule(String substance, Pattern pattern) {
    }

    private final List<Rule> rules = new ArrayList<>();

    public SubstanceDetector() {
        for (VocabularyFiles.SubstanceRow row : VocabularyFiles.substances()) {
            if (!row.detectionPattern().isEmpty()) {
                rules.add(new Rule(row.code(), Pattern.compile(row.detectionPattern(), Pattern.CASE_INSENSITIVE)));
            }
        }
    }

    public String detect(String productName) {
        String basic = TextNormalizer.basic(productName);
        for (Rule rule : rules) {
            if (rule.pattern().matcher(basic).find()) {
                return rule.substance();
            }
        }
        return UNKNOWN_NAMES.contains(basic) ? UNKNOWN : OTHER;
    }
}
