package org.kaers.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.kaers.common.Violation;

/**
 * The cross-field rules of a case report, in one place. Single-field rules (required, sizes, ranges)
 * are the Bean Validation annotations on {@link CaseReportRequest}; this class assumes they passed.
 */
public final class CaseReportRules {

    /** Oldest human age accepted, in years. */
    static final BigDecimal MAX_AGE_YEARS = new BigDecimal("130");

    private CaseReportRules() {
    }

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
        if (report.labs() != null) {
            for (int i = 0; i < report.labs().size(); i++) {
                notInFuture(report.labs().get(i).date(), today, "labs[" + i + "].date", out);
            }
        }
        return out;
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
            if (product.startDate() != null && product.stopDate() != null
                    && product.stopDate().isBefore(product.startDate())) {
                out.add(Violation.body(at + "stopDate", "must not be before startDate"));
            }
            if (product.doseAmount() != null && product.doseUnit() == null) {
                out.add(Violation.body(at + "doseUnit", "is required when doseAmount is given"));
            }
        }
    }

    private static void checkReactionsAndSeriousness(CaseReportRequest report, LocalDate today,
            List<Violation> out) {
        List<SeriousnessCriterion> criteria = report.seriousnessCriteria() == null ? List.of()
                : report.seriousnessCriteria();
        Set<SeriousnessCriterion> distinct = criteria.isEmpty() ? EnumSet.noneOf(SeriousnessCriterion.class)
                : EnumSet.copyOf(criteria);
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
            out.add(Violation.body("seriousnessCriteria",
                    "must include DEATH when a reaction has outcome FATAL"));
        }
        if (death && !fatal) {
            out.add(Violation.body("reactions",
                    "at least one reaction must have outcome FATAL when the DEATH criterion is given"));
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
                out.add(Violation.body("patient.ageGroup", "does not match the age given ("
                        + AgeGroups.of(patient.age()) + "); give one or make them agree"));
            }
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
