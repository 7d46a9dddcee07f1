package org.kaers.statistics;

/**
 * The counting rule, in one place: count cases, not rows; a case counts once per distinct group key;
 * only the latest version of each case counts; nullified cases never count.
 */
public final class CountingRule {

    static final String TEXT = "Cases, not rows: each case counts once per distinct group key. Only the latest version "
            + "of each case counts; nullified cases never count.";

    static final String CAUTION = "Spontaneous reports cannot establish that a product caused a reaction, nor "
            + "estimate how often reactions occur: counts reflect what was reported, with its biases and duplicates.";

    /**
     * The scope {@code s}: one row per counted case with its case-level attributes, and its disclosure key
     * ({@code ckey}, never released; see statistics.disclosure).
     */
    public static final String SCOPE = scope(org.kaers.report.model.CaseScope.LATEST_ACTIVE);

    /**
     * The same scope with another choice of each case's counted version ({@code caseJoin}: after
     * {@code from case_version v}, yielding {@code case_report cr}; see Disclosure#caseScope).
     */
    static String scope(String caseJoin) {
        return """
                select v.id as vid, v.case_id as cid, v.serious, v.derived_age_group as age_group, v.patient_sex as sex,
                       v.reporter_qualification, v.reporter_country as country, cr.source, cr.received_at,
                       cr.disclosure_key as ckey, v.poison_centre as pc
                from case_version v""" + caseJoin;
    }

    private CountingRule() {}
}
