package org.kaers.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.kaers.common.Violation;
import org.kaers.report.model.Care;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.LabTest;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;
import org.kaers.report.model.Toxicology;
import org.kaers.report.model.VitalSigns;

/**
 * The cross-field rules of a case report, in one place. Single-field rules (required, sizes, ranges)
 * are the Bean Validation annotations on {@link CaseReportRequest}; this class assumes they passed.
 */
final class CaseReportRules {

    /** Oldest human age accepted, in years. */
    static final BigDecimal MAX_AGE_YEARS = new BigDecimal("130");

    private CaseReportRules() {}

    /**
     * Checks a case against the rules.
     *
     * @param today the latest date a reported date may have (the caller uses the earliest time zone's date)
     * @return the violations, empty when the case is valid
     */
    public static List<Violation> check(CaseReportRequest report, LocalDate today) {
        List<Violation> out = new ArrayList<>();
        checkProducts(report, today, out);
        checkReactionsAndSeriousness(report, today, out);
        checkPatient(report.patient(), out);
        checkLabs(report.labs(), today, out);
        checkExposure(report, today, out);
        checkCare(report, out);
        checkVitalsAndToxicology(report, out);
        return out;
    }

    private static void checkLabs(List<CaseReportRequest.Lab> labs, LocalDate today, List<Violation> out) {
        if (labs == null) {
            return;
        }
        for (int i = 0; i < labs.size(); i++) {
            CaseReportRequest.Lab lab = labs.get(i);
            notInFuture(lab.date(), today, "labs[" + i + "].date", out);
            if (lab.testCode() == null) {
                continue;
            }
            java.util.Optional<LabTest> test = LabTest.byCode(lab.testCode());
            if (test.isEmpty()) {
                if (lab.testCode().matches("[A-Z][A-Z0-9_]{0,39}")) { // otherwise the pattern already said so
                    out.add(Violation.body(
                            "labs[" + i + "].testCode", "is not a known test code; known: " + LabTest.known()));
                }
            } else if (lab.unit() != null && !test.get().units().contains(lab.unit())) {
                out.add(Violation.body(
                        "labs[" + i + "].unit",
                        "must be one of " + test.get().units() + " for "
                                + test.get().name()));
            }
        }
    }

    private static void checkExposure(CaseReportRequest report, LocalDate today, List<Violation> out) {
        Exposure exposure = report.exposure();
        if (exposure == null) {
            return;
        }
        LocalDate exposed = moment(exposure.exposureAt(), "exposure.exposureAt", today, out);
        LocalDate onset = moment(exposure.onsetAt(), "exposure.onsetAt", today, out);
        if (exposed != null && onset != null) {
            Long hours = DateOrDateTime.hoursBetween(exposure.exposureAt(), exposure.onsetAt());
            if (onset.isBefore(exposed) || (hours != null && hours < 0)) {
                out.add(Violation.body("exposure.onsetAt", "must not be before exposure.exposureAt"));
            }
        }
        LocalDate earliest = report.reactions().stream()
                .map(CaseReportRequest.Reaction::onsetDate)
                .filter(java.util.Objects::nonNull)
                .min(LocalDate::compareTo)
                .orElse(null);
        if (onset != null && earliest != null && !onset.equals(earliest)) {
            out.add(Violation.body(
                    "exposure.onsetAt", "its date must equal the earliest reactions[].onsetDate (" + earliest + ")"));
        }
    }

    /** The date of a date-or-date-time field, checked to be a real date and not in the future; null otherwise. */
    private static LocalDate moment(String text, String field, LocalDate today, List<Violation> out) {
        if (text == null || !text.matches(DateOrDateTime.PATTERN)) {
            return null; // absent, or the pattern already said so
        }
        LocalDate date = DateOrDateTime.date(text);
        if (date == null) {
            out.add(Violation.body(field, "is not a real date or time"));
            return null;
        }
        notInFuture(date, today, field, out);
        return date;
    }

    private static void checkCare(CaseReportRequest report, List<Violation> out) {
        Care care = report.care();
        if (care == null) {
            return;
        }
        if (care.daysInHospital() != null
                && (care.level() == null || !care.level().inHospital())) {
            out.add(Violation.body(
                    "care.daysInHospital",
                    "is only allowed with level ADMITTED_WARD, ADMITTED_CRITICAL_CARE or PSYCHIATRIC_CARE"));
        }
        if (care.treatments() != null) {
            Set<Care.TreatmentCode> seen = EnumSet.noneOf(Care.TreatmentCode.class);
            for (int i = 0; i < care.treatments().size(); i++) {
                Care.Treatment t = care.treatments().get(i);
                if (t.code() != null && !seen.add(t.code())) {
                    out.add(Violation.body("care.treatments[" + i + "].code", "must not be listed twice"));
                }
                if (t.doseAmount() != null && t.doseUnit() == null) {
                    out.add(Violation.body(
                            "care.treatments[" + i + "].doseUnit", "is required when doseAmount is given"));
                }
            }
        }
        boolean death = report.seriousnessCriteria() != null
                && report.seriousnessCriteria().contains(SeriousnessCriterion.DEATH);
        if (care.medicalOutcome() == Care.MedicalOutcome.DEATH && !death) {
            out.add(Violation.body("care.medicalOutcome", "DEATH requires the DEATH seriousness criterion"));
        }
        if (care.medicalOutcome() != null && care.medicalOutcome() != Care.MedicalOutcome.DEATH && death) {
            out.add(Violation.body("care.medicalOutcome", "must be DEATH when the DEATH criterion is given"));
        }
    }

    private static void checkVitalsAndToxicology(CaseReportRequest report, List<Violation> out) {
        VitalSigns vitals = report.vitalSigns();
        if (vitals != null
                && vitals.systolicBp() != null
                && vitals.diastolicBp() != null
                && vitals.diastolicBp() > vitals.systolicBp()) {
            out.add(Violation.body("vitalSigns.diastolicBp", "must not be above systolicBp"));
        }
        if (report.toxicology() != null) {
            for (int i = 0; i < report.toxicology().size(); i++) {
                Toxicology t = report.toxicology().get(i);
                if (t.value() != null && t.unit() == null) {
                    out.add(Violation.body("toxicology[" + i + "].unit", "is required when value is given"));
                }
                if (Boolean.FALSE.equals(t.detected())
                        && t.value() != null
                        && t.value().signum() > 0) {
                    out.add(Violation.body(
                            "toxicology[" + i + "].value", "must be absent or 0 when detected is false"));
                }
            }
        }
    }

    private static void checkProducts(CaseReportRequest report, LocalDate today, List<Violation> out) {
        boolean suspect = report.products().stream()
                .anyMatch(p -> p.role() == ProductRole.SUSPECT || p.role() == ProductRole.INTERACTING);
        if (!suspect) {
            out.add(Violation.body("products", "at least one product must have role SUSPECT or INTERACTING"));
        }
        for (int i = 0; i < report.products().size(); i++) {
            CaseReportRequest.Product product = report.products().get(i);
            String at = "products[" + i + "].";
            notInFuture(product.startDate(), today, at + "startDate", out);
            notInFuture(product.stopDate(), today, at + "stopDate", out);
            if (product.startDate() != null
                    && product.stopDate() != null
                    && product.stopDate().isBefore(product.startDate())) {
                out.add(Violation.body(at + "stopDate", "must not be before startDate"));
            }
            if (product.doseAmount() != null && product.doseUnit() == null) {
                out.add(Violation.body(at + "doseUnit", "is required when doseAmount is given"));
            }
        }
    }

    private static void checkReactionsAndSeriousness(CaseReportRequest report, LocalDate today, List<Violation> out) {
        List<SeriousnessCriterion> criteria =
                report.seriousnessCriteria() == null ? List.of() : report.seriousnessCriteria();
        Set<SeriousnessCriterion> distinct =
                criteria.isEmpty() ? EnumSet.noneOf(SeriousnessCriterion.class) : EnumSet.copyOf(criteria);
        if (distinct.size() != criteria.size()) {
            out.add(Violation.body("seriousnessCriteria", "must not list a criterion twice"));
        }
        boolean fatal = false;
        for (int i = 0; i < report.reactions().size(); i++) {
            CaseReportRequest.Reaction reaction = report.reactions().get(i);
            notInFuture(reaction.onsetDate(), today, "reactions[" + i + "].onsetDate", out);
            fatal |= reaction.outcome() == ReactionOutcome.FATAL;
        }
        boolean death = distinct.contains(SeriousnessCriterion.DEATH);
        if (fatal && !death) {
            out.add(Violation.body("seriousnessCriteria", "must include DEATH when a reaction has outcome FATAL"));
        }
        if (death && !fatal) {
            out.add(Violation.body(
                    "reactions", "at least one reaction must have outcome FATAL when the DEATH criterion is given"));
        }
        LocalDate dateOfDeath = report.dateOfDeath();
        if (dateOfDeath != null) {
            if (!death) {
                out.add(Violation.body("dateOfDeath", "is only allowed with the DEATH criterion"));
            }
            notInFuture(dateOfDeath, today, "dateOfDeath", out);
            for (int i = 0; i < report.reactions().size(); i++) {
                LocalDate onset = report.reactions().get(i).onsetDate();
                if (onset != null && onset.isAfter(dateOfDeath)) {
                    out.add(Violation.body("reactions[" + i + "].onsetDate", "must not be after dateOfDeath"));
                }
            }
        }
    }

    private static void checkPatient(CaseReportRequest.Patient patient, List<Violation> out) {
        if (patient.age() != null) {
            BigDecimal years = AgeGroups.inYears(patient.age());
            if (years.compareTo(MAX_AGE_YEARS) > 0) {
                out.add(Violation.body("patient.age.value", "must be at most 130 years"));
            } else if (patient.ageGroup() != null && AgeGroups.of(patient.age()) != patient.ageGroup()) {
                out.add(Violation.body(
                        "patient.ageGroup",
                        "does not match the age given (" + AgeGroups.of(patient.age())
                                + "); give one or make them agree"));
            }
        }
        if (patient.history() != null
                && patient.history().stream().distinct().count()
                        != patient.history().size()) {
            out.add(Violation.body("patient.history", "must not list a condition twice"));
        }
        if (Boolean.TRUE.equals(patient.pregnant()) && patient.sex() == Sex.MALE) {
            out.add(Violation.body("patient.pregnant", "must not be true when sex is MALE"));
        }
    }

    private static void notInFuture(LocalDate date, LocalDate today, String field, List<Violation> out) {
        if (date != null && date.isAfter(today)) {
            out.add(Violation.body(field, "must not be in the future"));
        }
    }
}
