package org.kaers.report;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemMappers;
import org.kaers.common.Violation;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.LiverInjury;

/**
 * What the service would derive from a case that is not stored yet (a form being filled in): the same derivation
 * classes a stored version goes through ({@link CaseDerivations}, {@link AgeGroups}, {@link LiverInjury}), over a
 * draft. A draft may be incomplete (nothing is required), but every value it gives must pass its field's own
 * rule (Bean Validation on {@link CaseReportRequest}, less the "required" constraints); parts that are not yet
 * complete enough to derive from (an age without its unit, a lab without its value) are left out.
 */
@Schema(
        name = "DerivedPreview",
        description = "The derived fields the service would store for this draft; nothing is stored.")
public record DerivedPreview(
        @Schema(description = "True when any seriousness criterion is met.")
        boolean serious,

        @Schema(
                description =
                        "ICH age group, from the age when given with its unit, else as reported; absent when neither.")
        AgeGroup ageGroup,

        @Schema(
                description =
                        "R ratio, pattern and Hy's law from the labs with value and upper limit; absent when the labs allow none of it.")
        LiverInjury liverInjury,

        @Schema(description = "Per reaction of the draft, in order.")
        List<Reaction> reactions,

        @Schema(
                description = "Whole hours from exposure.exposureAt to exposure.onsetAt when both carry a time.",
                examples = "1")
        Long exposureToOnsetHours) {

    /** Derived fields of one reaction of the draft. */
    @Schema(name = "DerivedPreviewReaction", description = "Derived fields of one reaction of the draft.")
    public record Reaction(
            @Schema(description = "Position in the draft's reactions.", examples = "0")
            int index,

            @Schema(description = "Days from the first SUSPECT/INTERACTING start date to onset.", examples = "19")
            Integer timeToOnsetDays,

            @Schema(
                    description = "Days from the last dose (latest stopDate of SUSPECT/INTERACTING products) to onset.",
                    examples = "2")
            Integer timeFromLastDoseDays) {}

    /** Constraints that make a field required: a draft may leave any field out. */
    private static final Set<Class<? extends Annotation>> REQUIRED =
            Set.of(NotNull.class, NotEmpty.class, NotBlank.class);

    /** The preview of a draft, or a 400 naming each value that breaks its field's rule. */
    static DerivedPreview of(CaseReportRequest draft, Validator validator) {
        if (draft == null) {
            throw ApiProblem.invalid(Violation.body("body", "must be a case report (it may be incomplete)"));
        }
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<CaseReportRequest> v : validator.validate(draft)) {
            if (!REQUIRED.contains(v.getConstraintDescriptor().getAnnotation().annotationType())) {
                violations.add(ProblemMappers.toViolation(v));
            }
        }
        if (!violations.isEmpty()) {
            violations.sort(java.util.Comparator.comparing(Violation::field).thenComparing(Violation::message));
            throw ApiProblem.invalid(violations);
        }
        return derive(draft);
    }

    private static DerivedPreview derive(CaseReportRequest draft) {
        List<CaseReportRequest.Product> products = draft.products() == null
                ? List.of()
                : draft.products().stream().filter(Objects::nonNull).toList();
        LocalDate first = CaseDerivations.firstExposure(products);
        LocalDate last = CaseDerivations.lastExposure(products);
        List<Reaction> reactions = new ArrayList<>();
        if (draft.reactions() != null) {
            for (int i = 0; i < draft.reactions().size(); i++) {
                CaseReportRequest.Reaction r = draft.reactions().get(i);
                LocalDate onset = r == null ? null : r.onsetDate();
                reactions.add(new Reaction(
                        i,
                        CaseDerivations.timeToOnsetDays(first, onset),
                        CaseDerivations.timeToOnsetDays(last, onset)));
            }
        }
        List<CaseReportRequest.Lab> labs = draft.labs() == null
                ? List.of()
                : draft.labs().stream()
                        .filter(l -> l != null && l.testCode() != null && l.value() != null)
                        .toList();
        return new DerivedPreview(
                CaseDerivations.serious(draft),
                ageGroup(draft.patient()),
                LiverInjury.assess(labs),
                reactions,
                CaseDerivations.exposureToOnsetHours(draft.exposure()));
    }

    private static AgeGroup ageGroup(CaseReportRequest.Patient patient) {
        if (patient == null) {
            return null;
        }
        CaseReportRequest.Age age = patient.age();
        boolean complete = age != null && age.value() != null && age.unit() != null;
        return CaseDerivations.ageGroup(
                new CaseReportRequest.Patient(null, complete ? age : null, patient.ageGroup(), null, null, null));
    }
}
