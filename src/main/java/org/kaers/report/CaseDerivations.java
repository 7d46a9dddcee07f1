package org.kaers.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.ProductRole;

/**
 * What the server derives from a submitted case, computed once when a version is stored:
 * seriousness, ICH age group, liver-injury assessment and time to onset of each reaction.
 */
final class CaseDerivations {

    private CaseDerivations() {}

    /** A case is serious when it meets any seriousness criterion. */
    public static boolean serious(CaseReportRequest report) {
        return report.seriousnessCriteria() != null
                && !report.seriousnessCriteria().isEmpty();
    }

    /** The ICH age group: from the age when given, else the age group the reporter gave, else null. */
    public static AgeGroup ageGroup(CaseReportRequest.Patient patient) {
        if (patient.age() != null) {
            // An age no human reaches (a public source's "76 Decade(s)") is kept as reported but gives no group.
            if (AgeGroups.inYears(patient.age()).compareTo(CaseReportRules.MAX_AGE_YEARS) > 0) {
                return null;
            }
            return AgeGroups.of(patient.age());
        }
        return patient.ageGroup();
    }

    /** First exposure: the earliest start date among SUSPECT and INTERACTING products, or null. */
    public static LocalDate firstExposure(List<CaseReportRequest.Product> products) {
        return products.stream()
                .filter(p -> p.role() == ProductRole.SUSPECT || p.role() == ProductRole.INTERACTING)
                .map(CaseReportRequest.Product::startDate)
                .filter(Objects::nonNull)
                .min(LocalDate::compareTo)
                .orElse(null);
    }

    /** Last dose: the latest stop date among SUSPECT and INTERACTING products, or null. */
    public static LocalDate lastExposure(List<CaseReportRequest.Product> products) {
        return products.stream()
                .filter(p -> p.role() == ProductRole.SUSPECT || p.role() == ProductRole.INTERACTING)
                .map(CaseReportRequest.Product::stopDate)
                .filter(Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(null);
    }

    /** Whole hours from the exposure to the onset when both were given with a time, else null. */
    public static Long exposureToOnsetHours(Exposure exposure) {
        return exposure == null ? null : DateOrDateTime.hoursBetween(exposure.exposureAt(), exposure.onsetAt());
    }

    /**
     * Days from first exposure to the onset of the reaction; null when either date is unknown.
     * Negative when the reaction began before exposure (a reason to query or nullify the case).
     */
    public static Integer timeToOnsetDays(LocalDate firstExposure, LocalDate onset) {
        if (firstExposure == null || onset == null) {
            return null;
        }
        return Math.toIntExact(ChronoUnit.DAYS.between(firstExposure, onset));
    }
}
