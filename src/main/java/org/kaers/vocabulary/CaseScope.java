package org.kaers.vocabulary;

/**
 * SQL that restricts to what counts: the latest version of each case that is not nullified. Joins from a
 * {@code case_version v} to {@code case_report cr}. The statistics read side follows the same rule.
 */
final class CaseScope {

    static final String LATEST_ACTIVE = " join case_report cr on cr.id = v.case_id"
            + " and cr.current_version = v.version and cr.status = 'ACTIVE' ";

    private CaseScope() {
    }
}
