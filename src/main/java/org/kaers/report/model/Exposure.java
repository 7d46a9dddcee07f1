package org.kaers.report.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.report.DateOrDateTime;

/**
 * The exposure as a poison centre codes it (NPDS): reason, chronicity, site, when it happened and when the
 * effects began (a date, or a date-time when the time is known: never truncated), and the acute amount.
 */
@Schema(name = "Exposure", description = "The exposure, coded as US poison centres do (NPDS). All fields optional.")
public record Exposure(
        Reason reason,
        Chronicity chronicity,
        Site site,

        @Pattern(regexp = DateOrDateTime.PATTERN, message = DateOrDateTime.MESSAGE)
        @Schema(
                description =
                        "When the exposure happened: a date, or a local date-time (optionally with an offset) when the time is known.",
                examples = "2026-11-02T14:30")
        String exposureAt,

        @Pattern(regexp = DateOrDateTime.PATTERN, message = DateOrDateTime.MESSAGE)
        @Schema(
                description =
                        "When the first effect began: a date or a date-time. Its date must equal the earliest reactions[].onsetDate when both are given.",
                examples = "2026-11-02T15:10")
        String onsetAt,

        @Valid @Schema(description = "The amount taken in the acute exposure.")
        Amount acuteAmount) {

    /** NPDS reason for exposure. */
    @Schema(
            name = "ExposureReason",
            description =
                    "NPDS reason: unintentional (general, therapeutic error, misuse), intentional (misuse, abuse, suspected suicide), adverse reaction, withdrawal, unknown.")
    public enum Reason {
        UNINTENTIONAL_GENERAL,
        UNINTENTIONAL_THERAPEUTIC_ERROR,
        UNINTENTIONAL_MISUSE,
        INTENTIONAL_MISUSE,
        INTENTIONAL_ABUSE,
        INTENTIONAL_SUSPECTED_SUICIDE,
        ADVERSE_REACTION,
        WITHDRAWAL,
        UNKNOWN
    }

    /** NPDS chronicity. */
    @Schema(name = "ExposureChronicity")
    public enum Chronicity {
        ACUTE,
        ACUTE_ON_CHRONIC,
        CHRONIC,
        UNKNOWN
    }

    /** NPDS exposure site. */
    @Schema(name = "ExposureSite")
    public enum Site {
        OWN_RESIDENCE,
        OTHER_RESIDENCE,
        WORKPLACE,
        SCHOOL,
        PUBLIC_PLACE,
        OTHER,
        UNKNOWN
    }

    /** An amount and its unit. */
    @Schema(name = "Amount", description = "An amount and its unit.")
    public record Amount(
            @NotNull
            @DecimalMin(value = "0", inclusive = false)
            @DecimalMax("1000000")
            @Digits(integer = 9, fraction = 3)
            @Schema(examples = "15")
            BigDecimal value,

            @NotNull DoseUnit unit) {}
}
