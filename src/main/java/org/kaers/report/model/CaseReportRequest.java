package org.kaers.report.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.vocabulary.model.ProductForm;

/**
 * A complete case report as a clinician submits it: the initial report and every follow-up carry the
 * whole case. Field names follow ICH E2B(R3) and MedWatch 3500. Single-field rules are the annotations
 * here; rules across fields live in {@code CaseReportRules}.
 */
@Schema(
        name = "CaseReport",
        description =
                "A complete case report: reporter, patient, products, reactions, seriousness, labs and narrative.")
public record CaseReportRequest(
        @NotNull @Valid Reporter reporter,
        @NotNull @Valid Patient patient,

        @NotEmpty
        @Size(max = 50)
        @Schema(
                description =
                        "Products taken, kratom and co-ingested substances alike; at least one SUSPECT or INTERACTING.")
        List<@NotNull @Valid Product> products,

        @NotEmpty @Size(max = 100) @Schema(description = "Adverse reactions, at least one.")
        List<@NotNull @Valid Reaction> reactions,

        @Size(max = 7)
        @Schema(description = "Seriousness criteria; none means non-serious. Returned in the order of the enumeration.")
        List<@NotNull SeriousnessCriterion> seriousnessCriteria,

        @Schema(description = "Date of death; only with the DEATH criterion.", examples = "2026-03-14")
        LocalDate dateOfDeath,

        @Size(max = 200) @Schema(description = "Laboratory results.")
        List<@NotNull @Valid Lab> labs,

        @Size(max = 20_000)
        @Schema(
                description = "Free-text case narrative (confidential: never in researcher output).",
                maxLength = 20_000)
        String narrative,

        @Size(max = 64)
        @Pattern(
                regexp = "\\p{Graph}(\\p{Print}*\\p{Graph})?",
                message = "must be printable text without leading or trailing spaces")
        @Schema(
                description =
                        "The reporting centre's own case reference (E2B C.1.1 style); searchable with GET /reports?centreReference=. A report quoting another case's reference is flagged as its likely duplicate.",
                examples = "NYC-PCC-2026-004417")
        String centreReference,

        @Valid @Schema(description = "The exposure, coded as poison centres do.")
        Exposure exposure,

        @Valid @Schema(description = "Care given and the NPDS medical outcome.")
        Care care,

        @Valid @Schema(description = "Vital signs at presentation.")
        VitalSigns vitalSigns,

        @Size(max = 50) @Schema(description = "Analytical toxicology results.")
        List<@NotNull @Valid Toxicology> toxicology) {

    /** A report without the poison-centre fields (exposure, care, vital signs, toxicology, centre reference). */
    public CaseReportRequest(
            Reporter reporter,
            Patient patient,
            List<Product> products,
            List<Reaction> reactions,
            List<SeriousnessCriterion> seriousnessCriteria,
            LocalDate dateOfDeath,
            List<Lab> labs,
            String narrative) {
        this(
                reporter,
                patient,
                products,
                reactions,
                seriousnessCriteria,
                dateOfDeath,
                labs,
                narrative,
                null,
                null,
                null,
                null,
                null);
    }

    /** The primary reporter; organisation and contact are confidential. */
    @Schema(name = "Reporter", description = "The primary reporter. Organisation and contact are confidential.")
    public record Reporter(
            @NotNull ReporterQualification qualification,

            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code such as US")
            @Schema(description = "ISO 3166-1 alpha-2 country code of the reporter.", examples = "US")
            String country,

            @Size(max = 200) @Schema(description = "Organisation (confidential).")
            String organisation,

            @Size(max = 500) @Schema(description = "Contact details (confidential).")
            String contact) {}

    /** The patient; initials are confidential. */
    @Schema(name = "Patient", description = "The patient. Initials are confidential.")
    public record Patient(
            @Size(max = 10) @Schema(description = "Initials (confidential).", examples = "JD")
            String initials,

            @Valid @Schema(description = "Age at onset of the first reaction.")
            Age age,

            @Schema(description = "Age group when the exact age is not known.")
            AgeGroup ageGroup,

            Sex sex,

            @DecimalMin(value = "0.2", message = "must be at least 0.2 kg")
            @DecimalMax(value = "650", message = "must be at most 650 kg")
            @Digits(integer = 3, fraction = 2)
            @Schema(description = "Body weight in kg.", examples = "82.5")
            BigDecimal weightKg,

            @Schema(description = "Pregnant at the time of exposure.")
            Boolean pregnant,

            @Size(max = 10)
            @Schema(
                    description = "Relevant history and comorbidities, each at most once.",
                    examples = "[\"OPIOID_USE_DISORDER\", \"PRIOR_KRATOM_USE\"]")
            List<@NotNull PatientHistory> history) {

        /** A patient without history. */
        public Patient(String initials, Age age, AgeGroup ageGroup, Sex sex, BigDecimal weightKg, Boolean pregnant) {
            this(initials, age, ageGroup, sex, weightKg, pregnant, null);
        }
    }

    /** Age at onset: a value and its unit. */
    @Schema(name = "Age", description = "Age at onset: value and unit. At most 130 years.")
    public record Age(
            @NotNull @DecimalMin("0") @Digits(integer = 5, fraction = 2) @Schema(examples = "34")
            BigDecimal value,

            @NotNull AgeUnit unit) {}

    /** A product taken: a kratom product or a co-ingested substance, with its role in the case. */
    @Schema(name = "Product", description = "A product taken: kratom product or co-ingested substance.")
    public record Product(
            @NotNull ProductRole role,

            @NotBlank
            @Size(max = 300)
            @Schema(description = "Product name as reported.", examples = "Maeng Da Kratom Powder")
            String name,

            @Size(max = 300) @Schema(description = "Vendor or brand.", examples = "Acme Botanicals")
            String vendor,

            ProductForm form,

            @Size(max = 200)
            @Schema(
                    description = "Strain or vein label as sold (a label, not a clinical variable).",
                    examples = "Red Bali")
            String strain,

            @Size(max = 100) String lotNumber,

            @DecimalMin("0")
            @DecimalMax("100000")
            @Digits(integer = 7, fraction = 3)
            @Schema(description = "Labelled mitragynine per serving, mg.")
            BigDecimal mitragynineMgPerServing,

            @DecimalMin("0")
            @DecimalMax("100000")
            @Digits(integer = 7, fraction = 3)
            @Schema(description = "Labelled 7-hydroxymitragynine per serving, mg.")
            BigDecimal sevenOhMgPerServing,

            PurchaseChannel purchaseChannel,

            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("1000000")
            @Digits(integer = 9, fraction = 3)
            @Schema(description = "Amount per dose, in doseUnit.", examples = "5")
            BigDecimal doseAmount,

            DoseUnit doseUnit,

            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("100")
            @Digits(integer = 4, fraction = 2)
            @Schema(description = "Doses per day.", examples = "3")
            BigDecimal dosesPerDay,

            Route route,

            @Schema(description = "First exposure.", examples = "2026-01-10")
            LocalDate startDate,

            @Schema(description = "Last exposure.", examples = "2026-02-20")
            LocalDate stopDate,

            ReasonForUse reasonForUse,
            ActionTaken actionTaken,
            ChallengeResult dechallenge,
            ChallengeResult rechallenge) {}

    /** An adverse reaction as the reporter described it. */
    @Schema(name = "Reaction", description = "An adverse reaction in the reporter's words.")
    public record Reaction(
            @NotBlank
            @Size(max = 500)
            @Schema(description = "The reporter's own term.", examples = "yellow skin and itching")
            String verbatim,

            @Schema(examples = "2026-02-14") LocalDate onsetDate,
            @NotNull ReactionOutcome outcome) {}

    /** A laboratory result. */
    @Schema(
            name = "Lab",
            description =
                    "A laboratory result. ALT, AST, ALP and TOTAL_BILIRUBIN with an upper limit of normal feed the liver-injury derivations and RUCAM.")
    public record Lab(
            @NotBlank
            @Pattern(
                    regexp = "[A-Z][A-Z0-9_]{0,39}",
                    message = "must be an upper-case code such as ALT, AST, ALP or TOTAL_BILIRUBIN")
            @Schema(
                    description =
                            "A code of the controlled list (LOINC beside each; README \"Laboratory tests\"): ALT (1742-6), AST (1920-8), ALP (6768-6), GGT (2324-2), TOTAL_BILIRUBIN (1975-2), DIRECT_BILIRUBIN (1968-7), INR (6301-6), ALBUMIN (1751-7), CREATININE (2160-0), CK (2157-6), SODIUM (2951-2), POTASSIUM (2823-3), GLUCOSE (2345-7), LACTATE (2524-7), TROPONIN_I (10839-9), ETHANOL (5640-8), ACETAMINOPHEN (3298-7). Any other code is a 400 listing these.",
                    examples = "ALT")
            String testCode,

            @NotNull @Digits(integer = 10, fraction = 4) @Schema(examples = "1250")
            BigDecimal value,

            @Size(max = 32)
            @Schema(
                    description =
                            "One of the test's units (U/L or IU/L for enzymes; mg/dL or umol/L for bilirubin...).",
                    examples = "U/L")
            String unit,

            @DecimalMin(value = "0", inclusive = false)
            @Digits(integer = 10, fraction = 4)
            @Schema(description = "Upper limit of normal, in the same unit.", examples = "40")
            BigDecimal upperLimitOfNormal,

            @Schema(examples = "2026-02-16") LocalDate date) {}
}
