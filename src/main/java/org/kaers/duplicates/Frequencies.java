package org.kaers.duplicates;

/** How often a value occurs among cases: the chance u that two unrelated cases agree on it by accident. */
interface Frequencies {

    /** The share of cases with this value in this field, in (0, 1). */
    double share(LinkageField field, String value);

    /** The span of onset dates, in days, over which unrelated onsets spread. */
    double onsetSpanDays();
}
