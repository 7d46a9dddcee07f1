package org.kaers.report.model;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An analytical toxicology result: which analyte in which specimen, found or not, how much, by which method. */
@Schema(name = "Toxicology", description = "A toxicology result.")
public record Toxicology(
        @NotNull @Schema(examples = "MITRAGYNINE") Analyte analyte,
        @NotNull @Schema(examples = "SERUM") Specimen specimen,

        @NotNull @Schema(description = "Whether the analyte was found.", examples = "true")
        Boolean detected,

        @DecimalMin("0")
        @Digits(integer = 10, fraction = 4)
        @Schema(description = "Concentration, in unit.", examples = "190")
        BigDecimal value,

        @Size(max = 32) @Schema(description = "Unit of the value; required with a value.", examples = "ng/mL")
        String unit,

        @Schema(examples = "CONFIRMED") Method method) {

    /** Coded analytes: kratom alkaloids and what is found beside them. */
    @Schema(name = "ToxicologyAnalyte")
    public enum Analyte {
        MITRAGYNINE,
        SEVEN_HYDROXYMITRAGYNINE,
        FENTANYL,
        NORFENTANYL,
        OTHER_OPIOID,
        ALPRAZOLAM,
        OTHER_BENZODIAZEPINE,
        XYLAZINE,
        ETHANOL,
        AMPHETAMINES,
        COCAINE,
        CANNABINOIDS,
        ACETAMINOPHEN,
        OTHER
    }

    /** Specimens. */
    @Schema(name = "ToxicologySpecimen")
    public enum Specimen {
        SERUM,
        PLASMA,
        WHOLE_BLOOD,
        URINE,
        POST_MORTEM_BLOOD,
        VITREOUS,
        PRODUCT
    }

    /** A screening immunoassay or a confirmation (chromatography with mass spectrometry). */
    @Schema(name = "ToxicologyMethod")
    public enum Method {
        SCREEN,
        CONFIRMED
    }
}
