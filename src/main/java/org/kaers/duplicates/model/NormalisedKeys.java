package org.kaers.duplicates.model;

/**
 * The one definition of how lots and vendors are compared (duplicates and clusters alike), as SQL over a
 * {@code case_product} aliased {@code p}; {@code CaseFeatures} applies the same rules in Java.
 */
public final class NormalisedKeys {

    /** Upper case, letters and digits only, without a leading "LOT"; null when nothing is left. */
    public static final String LOT_SQL =
            "nullif(regexp_replace(regexp_replace(upper(p.lot_number), '[^A-Z0-9]', '', 'g'), '^LOT', ''), '')";
    /** Lower case, letters and digits only; null when nothing is left. */
    public static final String VENDOR_SQL = "nullif(regexp_replace(lower(p.vendor), '[^a-z0-9]', '', 'g'), '')";

    private NormalisedKeys() {}
}
