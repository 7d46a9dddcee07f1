package org.kaers.report;

import java.time.LocalDate;

/** Filters of the case list; null means "any". Dates are inclusive days of receipt (UTC). */
record CaseFilter(
        LocalDate receivedFrom,
        LocalDate receivedTo,
        Boolean serious,
        String product,
        String reaction,
        ReporterQualification reporterQualification,
        CaseStatus status,
        CaseSource source,
        String centreReference) {}
