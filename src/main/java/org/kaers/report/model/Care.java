package org.kaers.report.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The care given and the medical outcome on the NPDS scale (beside the E2B outcome of each reaction). */
@Schema(
        name = "Care",
        description = "Level of care, days in hospital, treatments and the NPDS medical outcome. All fields optional.")
public record Care(
        Level level,

        @Min(0)
        @Max(3650)
        @Schema(description = "Days in hospital; only with an ADMITTED_* or PSYCHIATRIC_CARE level.", examples = "3")
        Integer daysInHospital,

        @Size(max = 30) @Schema(description = "Treatments given, each code at most once.")
        List<@NotNull @Valid Treatment> treatments,

        @Schema(
                description =
                        "NPDS medical outcome. DEATH goes with the DEATH seriousness criterion, and only with it.")
        MedicalOutcome medicalOutcome) {

    /** NPDS management site and level of care. */
    @Schema(
            name = "CareLevel",
            description =
                    "NONE_OR_UNKNOWN, TREATED_AT_HOME (managed on site), TREATED_AND_RELEASED (from an emergency department), ADMITTED_WARD, ADMITTED_CRITICAL_CARE, PSYCHIATRIC_CARE.")
    public enum Level {
        NONE_OR_UNKNOWN,
        TREATED_AT_HOME,
        TREATED_AND_RELEASED,
        ADMITTED_WARD,
        ADMITTED_CRITICAL_CARE,
        PSYCHIATRIC_CARE;

        public boolean inHospital() {
            return this == ADMITTED_WARD || this == ADMITTED_CRITICAL_CARE || this == PSYCHIATRIC_CARE;
        }
    }

    /** NPDS medical outcome. */
    @Schema(name = "MedicalOutcome")
    public enum MedicalOutcome {
        NO_EFFECT,
        MINOR,
        MODERATE,
        MAJOR,
        DEATH,
        NOT_FOLLOWED
    }

    /** A treatment given. */
    @Schema(name = "TreatmentCode")
    public enum TreatmentCode {
        NALOXONE,
        BENZODIAZEPINE,
        INTUBATION_VENTILATION,
        N_ACETYLCYSTEINE,
        ACTIVATED_CHARCOAL,
        VASOPRESSORS,
        IV_FLUIDS,
        ANTIEMETIC,
        OXYGEN,
        BUPRENORPHINE,
        CPR,
        OTHER
    }

    /** How the patient responded to a treatment. */
    @Schema(name = "TreatmentResponse")
    public enum Response {
        FULL,
        PARTIAL,
        NONE,
        UNKNOWN
    }

    /** One treatment; dose, route and response where they apply (naloxone's above all). */
    @Schema(name = "Treatment", description = "A treatment; dose (with its unit), route and response are optional.")
    public record Treatment(
            @NotNull @Schema(examples = "NALOXONE") TreatmentCode code,

            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("100000")
            @Digits(integer = 6, fraction = 3)
            @Schema(description = "Total dose, in doseUnit.", examples = "4")
            BigDecimal doseAmount,

            @Schema(examples = "MILLIGRAM") DoseUnit doseUnit,
            @Schema(examples = "INTRANASAL") Route route,
            @Schema(examples = "FULL") Response response) {}
}
