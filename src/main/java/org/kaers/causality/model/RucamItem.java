package org.kaers.causality.model;

/** The items of RUCAM 2016 (Danan and Teschke). PREGNANCY is an item of the cholestatic/mixed scale only. */
public enum RucamItem {
    /** 1. Time to onset from the start or from the stop of the product. */
    TIME_TO_ONSET,
    /** 2. Course of ALT (hepatocellular) or ALP/bilirubin (cholestatic/mixed) after the product was stopped. */
    COURSE,
    /** 3a. Alcohol use (more than 2 drinks a day for women, 3 for men). */
    ALCOHOL,
    /** 3b. Age 55 or over. */
    AGE,
    /** 3c. Pregnancy (cholestatic/mixed only). */
    PREGNANCY,
    /** 4. Concomitant products. */
    CONCOMITANT,
    /** 5. Alternative causes (groups I and II). */
    ALTERNATIVE_CAUSES,
    /** 6. Known hepatotoxicity of the product. */
    KNOWN_HEPATOTOXICITY,
    /** 7. Response to unintentional re-exposure. */
    RECHALLENGE;

    public boolean onScale(RucamScale scale) {
        return this != PREGNANCY || scale == RucamScale.CHOLESTATIC_OR_MIXED;
    }
}
