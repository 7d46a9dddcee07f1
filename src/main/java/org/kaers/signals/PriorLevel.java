package org.kaers.signals;

import java.util.Arrays;
import java.util.List;

/**
 * The levels an EBGM prior is fitted at, each over the cells of one pair of statistics dimensions: our coded
 * level (canonical product x coded symptom term) and the level as reported (product name as reported x
 * reaction term as reported: FDA's MedDRA preferred term for imported data, the level openEBGM counts at).
 */
public enum PriorLevel {
    SYMPTOM("symptom", "product", "symptom"),
    VERBATIM("verbatim", "productName", "verbatim");

    /** The code in the API ({@code against}) and in {@code signal_prior.level}. */
    final String code;

    final String productDimension;
    final String reactionDimension;

    PriorLevel(String code, String productDimension, String reactionDimension) {
        this.code = code;
        this.productDimension = productDimension;
        this.reactionDimension = reactionDimension;
    }

    static PriorLevel of(String code) {
        return Arrays.stream(values())
                .filter(l -> l.code.equals(code))
                .findFirst()
                .orElse(null);
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(l -> l.code).toList();
    }

    /**
     * The prior a table's EBGM uses: the as-reported one when its reaction side is the term as reported,
     * the coded one otherwise (substances and organ classes use the prior of their level's cells).
     */
    static PriorLevel ofTable(String subject, String against) {
        return subject.equals("verbatim") || against.equals("verbatim") ? VERBATIM : SYMPTOM;
    }
}
