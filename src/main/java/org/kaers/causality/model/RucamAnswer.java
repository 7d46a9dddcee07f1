package org.kaers.causality.model;

/**
 * Every answer RUCAM 2016 allows, with its item and its points on each scale (null: not an answer on that
 * scale). The same codes are what the service computes from the case and what a reviewer may send.
 * Travels as its code, never as an ordinal.
 */
public enum RucamAnswer {
    // 1. time to onset (hepatocellular | cholestatic/mixed)
    ONSET_5_TO_90_DAYS(RucamItem.TIME_TO_ONSET, 2, 2),
    ONSET_UNDER_5_OR_OVER_90_DAYS(RucamItem.TIME_TO_ONSET, 1, 1),
    /** On re-exposure: 1-15 days (hepatocellular) or 1-90 days (cholestatic/mixed). */
    RECHALLENGE_ONSET_IN_WINDOW(RucamItem.TIME_TO_ONSET, 2, 2),
    RECHALLENGE_ONSET_LATER(RucamItem.TIME_TO_ONSET, 1, 1),
    /** Onset after the stop: within 15 days (hepatocellular) or 30 days (cholestatic/mixed). */
    ONSET_AFTER_STOP_IN_WINDOW(RucamItem.TIME_TO_ONSET, 1, 1),
    /** Onset before the start, or beyond the window after the stop: the product is unrelated, no score. */
    ONSET_UNRELATED(RucamItem.TIME_TO_ONSET, 0, 0),
    // 2. course after stop
    ALT_FALL_50_WITHIN_8_DAYS(RucamItem.COURSE, 3, null),
    ALT_FALL_50_WITHIN_30_DAYS(RucamItem.COURSE, 2, null),
    ALT_FALL_50_AFTER_30_DAYS(RucamItem.COURSE, 0, null),
    ALT_FALL_UNDER_50_AFTER_30_DAYS_OR_RISE(RucamItem.COURSE, -2, null),
    ALP_FALL_50_WITHIN_180_DAYS(RucamItem.COURSE, null, 2),
    ALP_FALL_UNDER_50_WITHIN_180_DAYS(RucamItem.COURSE, null, 1),
    ALP_PERSISTENT_OR_RISING(RucamItem.COURSE, null, 0),
    /** No information, or the product was continued. */
    COURSE_NO_INFORMATION(RucamItem.COURSE, 0, 0),
    // 3. risk factors
    ALCOHOL_YES(RucamItem.ALCOHOL, 1, 1),
    ALCOHOL_NO(RucamItem.ALCOHOL, 0, 0),
    AGE_55_OR_OVER(RucamItem.AGE, 1, 1),
    AGE_UNDER_55(RucamItem.AGE, 0, 0),
    PREGNANT(RucamItem.PREGNANCY, null, 1),
    NOT_PREGNANT(RucamItem.PREGNANCY, null, 0),
    // 4. concomitant products
    CONCOMITANT_NONE(RucamItem.CONCOMITANT, 0, 0),
    CONCOMITANT_INCOMPATIBLE_TIMING(RucamItem.CONCOMITANT, 0, 0),
    CONCOMITANT_COMPATIBLE_TIMING(RucamItem.CONCOMITANT, -1, -1),
    CONCOMITANT_KNOWN_HEPATOTOXIN(RucamItem.CONCOMITANT, -2, -2),
    CONCOMITANT_EVIDENCE_FOR_ROLE(RucamItem.CONCOMITANT, -3, -3),
    // 5. alternative causes
    ALTERNATIVES_ALL_RULED_OUT(RucamItem.ALTERNATIVE_CAUSES, 2, 2),
    ALTERNATIVES_GROUP_I_RULED_OUT(RucamItem.ALTERNATIVE_CAUSES, 1, 1),
    ALTERNATIVES_GROUP_I_5_OR_6_RULED_OUT(RucamItem.ALTERNATIVE_CAUSES, 0, 0),
    ALTERNATIVES_GROUP_I_UNDER_5_RULED_OUT(RucamItem.ALTERNATIVE_CAUSES, -2, -2),
    ALTERNATIVE_HIGHLY_PROBABLE(RucamItem.ALTERNATIVE_CAUSES, -3, -3),
    // 6. known hepatotoxicity
    HEPATOTOXICITY_LABELLED(RucamItem.KNOWN_HEPATOTOXICITY, 2, 2),
    HEPATOTOXICITY_PUBLISHED_UNLABELLED(RucamItem.KNOWN_HEPATOTOXICITY, 1, 1),
    HEPATOTOXICITY_UNKNOWN(RucamItem.KNOWN_HEPATOTOXICITY, 0, 0),
    // 7. unintentional re-exposure (ALT on the hepatocellular scale, ALP on the other)
    RECHALLENGE_DOUBLED_PRODUCT_ALONE(RucamItem.RECHALLENGE, 3, 3),
    RECHALLENGE_DOUBLED_SAME_PRODUCTS(RucamItem.RECHALLENGE, 1, 1),
    RECHALLENGE_RISE_BELOW_ULN(RucamItem.RECHALLENGE, -2, -2),
    RECHALLENGE_OTHER(RucamItem.RECHALLENGE, 0, 0);

    private final RucamItem item;
    private final Integer hepatocellular;
    private final Integer cholestatic;

    RucamAnswer(RucamItem item, Integer hepatocellular, Integer cholestatic) {
        this.item = item;
        this.hepatocellular = hepatocellular;
        this.cholestatic = cholestatic;
    }

    /** The item this answer answers (public: the reviewer's causality form offers each item's answers). */
    public RucamItem item() {
        return item;
    }

    public boolean allowedOn(RucamScale scale) {
        return points(scale) != null;
    }

    public Integer points(RucamScale scale) {
        return scale == RucamScale.HEPATOCELLULAR ? hepatocellular : cholestatic;
    }

    /** The answers of an item on a scale (public: the reviewer's causality form offers them). */
    public static java.util.List<RucamAnswer> allowed(RucamItem item, RucamScale scale) {
        return java.util.Arrays.stream(values())
                .filter(a -> a.item == item && a.allowedOn(scale))
                .toList();
    }
}
