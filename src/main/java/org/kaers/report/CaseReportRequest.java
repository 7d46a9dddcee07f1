package org.kaers.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A complete case report as a clinician submits it: the initial report and every follow-up carry the
 * whole case. Field names follow ICH E2B(R3) and MedWatch 3500. Single-field rules are the annotations
 * here; rules across fields live in {@link CaseReportRules}.
 */
@Schema(name = "CaseReport", description = "A complete case report: reporter, patient, products, reactions, seriousness, labs and narrative.")
public record CaseReportRequest(
        @NotNull @Valid Reporter reporter,
        @NotNull @Valid Patient patient,
        @NotEmpty @Size(max = 50) @Schema(description = "Products taken, kratom and co-ingested substances alike; at least one SUSPECT or INTERACTING.")
        List<@NotNull @Valid Product> products,
        @NotEmpty @Size(max = 100) @Schema(description = "Adverse reactions, at least one.")
        List<@NotNull @Valid Reaction> reactions,
        @Size(max = 7) @Schema(description = "Seriousness criteria; none means non-serious. Returned in the order of the enumeration.")
        List<@NotNull SeriousnessCriterion> seriousnessCriteria,
        @Schema(description = "Date of death; only with the DEATH criterion.", examples = "2026-03-14")
        LocalDate dateOfDeath,
        @Size(max = 200) @Schema(description = "Laboratory results.")
        List<@NotNull @Valid Lab> labs,
        @Size(max = 20_000) @Schema(description = "Free-text case narrative (confidential: never in researcher output).", maxLength = 20_000)
        String narrative) {

    /** The primary reporter; organisation and contact are confidential. */
    @Schema(name = "Reporter", description = "The primary reporter. Organisation and contact are confidential.")
    public record Reporter(
            @NotNull ReporterQualification qualification,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as US")
            @Schema(description = "ISO 3166-1 alpha-2 country code of the reporter.", examples = "US") String country,
            @Size(max = 200) @Schema(description = "Organisation (confidential).") String organisation,
            @Size(max = 500) @Schema(description = "Contact details (confidential).") String contact) {
    }

    /** The patient; initials are confidential. */
    @Schema(name = "Patient", description = "The patient. Initials are confidential.")
    public record Patient(
            @Size(max = 10) @Schema(description = "Initials (confidential).", examples = "JD") String initials,
            @Valid @Schema(description = "Age at onset of the first reaction.") Age age,
            @Schema(description = "Age group when the exact age is not known.") AgeGroup ageGroup,
            Sex sex,
            @DecimalMin(value = "0.2", message = "must be at least 0.2 kg") @DecimalMax(value = "650", message = "must be at most 650 kg")
            @Digits(integer = 3, fraction = 2) @Schema(description = "Body weight in kg.", examples = "82.5") BigDecimal weightKg,
            @Schema(description = "Pregnant at the time of exposure.") Boolean pregnant) {
    }

    /** Age at onset: a value and its unit. */
    @Schema(name = "Age", description = "Age at onset: value and unit. At most 130 years.")
    public record Age(
            @NotNull @DecimalMin("0") @Digits(integer = 5, fraction = 2) @Schema(examples = "34") BigDecimal value,
            @NotNull AgeUnit unit) {
    }

    /** A product taken: a kratom product or a co-ingested substance, with its role in the case. */
    @Schema(name = "Product", description = "A product taken: kratom product or co-ingested substance.")
    public record Product(
            @NotNull ProductRole role,
            @NotBlank @Size(max = 300) @Schema(description = "Product name as reported.", examples = "Maeng Da Kratom Powder") String name,
            @Size(max = 300) @Schema(description = "Vendor or brand.", examples = "Acme Botanicals") String vendor,
            ProductForm form,
            @Size(max = 200) @Schema(description = "Strain or vein label as sold (a label, not a clinical variable).", examples = "Red Bali") String strain,
            @Size(max = 100) String lotNumber,
            @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 7, fraction = 3)
            @Schema(description = "Labelled mitragynine per serving, mg.") BigDecimal mitragynineMgPerServing,
            @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 7, fraction = 3)
            @Schema(description = "Labelled 7-hydroxymitragynine per serving, mg.") BigDecimal sevenOhMgPerServing,
            PurchaseChannel purchaseChannel,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") @Digits(integer = 9, fraction = 3)
            @Schema(description = "Amount per dose, in doseUnit.", examples = "5") BigDecimal doseAmount,
            DoseUnit doseUnit,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 4, fraction = 2)
            @Schema(description = "Doses per day.", examples = "3") BigDecimal dosesPerDay,
            Route route,
            @Schema(description = "First exposure.", examples = "2026-01-10") LocalDate startDate,
            @Schema(description = "Last exposure.", examples = "2026-02-20") LocalDate stopDate,
            ReasonForUse reasonForUse,
            ActionTaken actionTaken,
            ChallengeResult dechallenge,
            ChallengeResult rechallenge) {
    }

    /** An adverse reaction as the reporter described it. */
    @Schema(name = "Reaction", description = "An adverse reaction in the reporter's words.")
    public record Reaction(
            @NotBlank @Size(max = 500) @Schema(description = "The reporter's own term.", examples = "yellow skin and itching") String verbatim,
            @Schema(examples = "2026-02-14") LocalDate onsetDate,
            @NotNull ReactionOutcome outcome) {
    }

    /** A laboratory result. */
    @Schema(name = "Lab", description = "A laboratory result. ALT, AST, ALP and TOTAL_BILIRUBIN with an upper limit of normal feed the liver-injury derivations.")
    public record Lab(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,39}", message = "must be an upper-case code such as ALT, AST, ALP or TOTAL_BILIRUBIN")
            @Schema(examples = "ALT") String testCode,
            @NotNull @Digits(integer = 10, fraction = 4) @Schema(examples = "1250") BigDecimal value,
            @Size(max = 32) @Schema(examples = "U/L") String unit,
            @DecimalMin(value = "0", inclusive = false) @Digits(integer = 10, fraction = 4)
            @Schema(description = "Upper limit of normal, in the same unit.", examples = "40") BigDecimal upperLimitOfNormal,
            @Schema(examples = "2026-02-16") LocalDate date) {
    }
}
