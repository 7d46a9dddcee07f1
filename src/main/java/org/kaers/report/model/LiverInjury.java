package org.kaers.report.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.report.LiverInjuryPattern;

/**
 * Liver-injury derivations from the labs, using each test's peak multiple of its upper limit of normal
 * (labs without a ULN are ignored).
 * <ul>
 * <li>R ratio = (ALT/ULN) / (ALP/ULN), when both are known; pattern: R >= 5 hepatocellular, R <= 2
 * cholestatic, between: mixed; no pattern when neither ALT nor ALP exceeds its ULN.</li>
 * <li>Hy's law: ALT or AST >= 3 x ULN and total bilirubin > 2 x ULN with ALP < 2 x ULN. False as soon
 * as the known values rule it out (the aminotransferase part only when both ALT and AST were measured
 * below 3 x ULN); null (not assessable) when a needed value is missing.</li>
 * </ul>
 */
@Schema(name = "LiverInjury", description = "Derived from the labs: R ratio, injury pattern and Hy's law flag.")
public record LiverInjury(
        @Schema(
                description = "(ALT/ULN)/(ALP/ULN), rounded to 3 decimals; absent when ALT or ALP is missing.",
                examples = "9.375")
        BigDecimal rRatio,

        @Schema(
                description =
                        "Pattern from the R ratio; absent when not computable or neither ALT nor ALP is above its ULN.")
        LiverInjuryPattern pattern,

        @Schema(description = "Hy's law criteria met; absent when the labs do not allow the assessment.")
        Boolean hysLaw) {

    static final String ALT = "ALT";
    static final String AST = "AST";
    static final String ALP = "ALP";
    static final String BILIRUBIN = "TOTAL_BILIRUBIN";

    private static final BigDecimal HEPATOCELLULAR_FROM = BigDecimal.valueOf(5);
    private static final BigDecimal CHOLESTATIC_UP_TO = BigDecimal.valueOf(2);

    /** The assessment, or null when the labs allow none of it. */
    public static LiverInjury assess(List<CaseReportRequest.Lab> labs) {
        if (labs == null || labs.isEmpty()) {
            return null;
        }
        Optional<BigDecimal> alt = peakMultiple(labs, ALT);
        Optional<BigDecimal> ast = peakMultiple(labs, AST);
        Optional<BigDecimal> alp = peakMultiple(labs, ALP);
        Optional<BigDecimal> bilirubin = peakMultiple(labs, BILIRUBIN);

        BigDecimal r = null;
        LiverInjuryPattern pattern = null;
        if (alt.isPresent() && alp.isPresent() && alp.get().signum() > 0) {
            BigDecimal exact = alt.get().divide(alp.get(), MathContext.DECIMAL64);
            r = exact.setScale(3, RoundingMode.HALF_UP);
            boolean elevated =
                    alt.get().compareTo(BigDecimal.ONE) > 0 || alp.get().compareTo(BigDecimal.ONE) > 0;
            if (elevated) { // the pattern follows the exact R; the rounded R is for display
                pattern = exact.compareTo(HEPATOCELLULAR_FROM) >= 0
                        ? LiverInjuryPattern.HEPATOCELLULAR
                        : exact.compareTo(CHOLESTATIC_UP_TO) <= 0
                                ? LiverInjuryPattern.CHOLESTATIC
                                : LiverInjuryPattern.MIXED;
            }
        }
        Boolean hysLaw = hysLaw(alt, ast, alp, bilirubin);
        if (r == null && hysLaw == null) {
            return null;
        }
        return new LiverInjury(r, pattern, hysLaw);
    }

    private static Boolean hysLaw(
            Optional<BigDecimal> alt,
            Optional<BigDecimal> ast,
            Optional<BigDecimal> alp,
            Optional<BigDecimal> bilirubin) {
        BigDecimal three = BigDecimal.valueOf(3);
        boolean aminotransferaseMet = alt.map(v -> v.compareTo(three) >= 0).orElse(false)
                || ast.map(v -> v.compareTo(three) >= 0).orElse(false);
        // "ALT or AST >= 3 x ULN" is ruled out only when both were measured and both are below.
        boolean aminotransferaseRuledOut = alt.isPresent() && ast.isPresent() && !aminotransferaseMet;
        boolean ruledOut = aminotransferaseRuledOut
                || bilirubin.map(v -> v.compareTo(BigDecimal.valueOf(2)) <= 0).orElse(false)
                || alp.map(v -> v.compareTo(BigDecimal.valueOf(2)) >= 0).orElse(false);
        if (ruledOut) {
            return Boolean.FALSE;
        }
        if (!aminotransferaseMet || bilirubin.isEmpty() || alp.isEmpty()) {
            return null;
        }
        return Boolean.TRUE;
    }

    private static Optional<BigDecimal> peakMultiple(List<CaseReportRequest.Lab> labs, String code) {
        return labs.stream()
                .filter(lab -> code.equals(lab.testCode())
                        && lab.upperLimitOfNormal() != null
                        && lab.upperLimitOfNormal().signum() > 0)
                .map(lab -> lab.value().divide(lab.upperLimitOfNormal(), MathContext.DECIMAL64))
                .max(BigDecimal::compareTo);
    }
}
