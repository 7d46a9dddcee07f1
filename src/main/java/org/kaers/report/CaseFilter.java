package org.kaers.report;

import java.time.LocalDate;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.ReporterQualification;

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
