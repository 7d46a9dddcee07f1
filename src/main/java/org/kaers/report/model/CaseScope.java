package org.kaers.report.model;

/**
 * SQL that restricts to what counts: the latest version of each case that is not nullified. Joins from a
 * {@code case_version v} to {@code case_report cr}. The one place of this rule, owned by report (whose versions and
 * nullifications it reads): the statistics read side ({@code statistics.CountingRule}, the releases) builds on it,
 * and vocabulary gets it at run time through {@code vocabulary.model.CountedCases}, which statistics implements.
 */
public final class CaseScope {

    public static final String LATEST_ACTIVE = " join case_report cr on cr.id = v.case_id"
            + " and cr.current_version = v.version and cr.status = 'ACTIVE' ";

    private CaseScope() {}
}
