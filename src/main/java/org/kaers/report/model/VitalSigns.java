package org.kaers.report.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Vital signs at presentation. */
@Schema(name = "VitalSigns", description = "Vital signs at presentation; each optional.")
public record VitalSigns(
        @Min(0) @Max(80) @Schema(description = "Breaths per minute.", examples = "6")
        Integer respiratoryRate,

        @Min(0) @Max(100) @Schema(description = "Oxygen saturation, %.", examples = "78")
        Integer spo2,

        @Min(0) @Max(300) @Schema(description = "Beats per minute.", examples = "54")
        Integer heartRate,

        @Min(0) @Max(300) @Schema(description = "mmHg.", examples = "92")
        Integer systolicBp,

        @Min(0) @Max(200) @Schema(description = "mmHg; not above systolicBp.", examples = "58")
        Integer diastolicBp,

        @Min(3) @Max(15) @Schema(description = "Glasgow coma scale, 3-15.", examples = "8")
        Integer gcs,

        @DecimalMin("25")
        @DecimalMax("45")
        @Digits(integer = 2, fraction = 1)
        @Schema(description = "Degrees Celsius.", examples = "36.4")
        BigDecimal temperatureC) {}
