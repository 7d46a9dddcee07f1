package org.kaers.report;

import java.math.BigDecimal;
import java.math.MathContext;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.CaseReportRequest;

/**
 * ICH age groups from an age at onset: neonate under 28 days, infant 28 days to 23 months,
 * child 2-11 years, adolescent 12-17, adult 18-64, elderly 65 and over.
 * Ages in years or decades of 0 are infants (a neonate cannot be told apart at that precision).
 */
final class AgeGroups {

    private static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365.25");
    private static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.4375");

    private AgeGroups() {}

    public static AgeGroup of(CaseReportRequest.Age age) {
        BigDecimal value = age.value();
        switch (age.unit()) {
            case HOUR, DAY, WEEK -> {
                BigDecimal days = inDays(age);
                if (days.compareTo(BigDecimal.valueOf(28)) < 0) {
                    return AgeGroup.NEONATE;
                }
                return fromMonths(days.divide(DAYS_PER_MONTH, MathContext.DECIMAL64), days);
            }
            case MONTH -> {
                if (value.compareTo(BigDecimal.ONE) < 0) {
                    return inDays(age).compareTo(BigDecimal.valueOf(28)) < 0 ? AgeGroup.NEONATE : AgeGroup.INFANT;
                }
                return fromMonths(value, inDays(age));
            }
            default -> {
                BigDecimal years = inYears(age);
                if (years.signum() == 0) {
                    return AgeGroup.INFANT;
                }
                return fromMonths(years.multiply(BigDecimal.valueOf(12)), inDays(age));
            }
        }
    }

    private static AgeGroup fromMonths(BigDecimal months, BigDecimal days) {
        if (days.compareTo(BigDecimal.valueOf(28)) < 0) {
            return AgeGroup.NEONATE;
        }
        if (months.compareTo(BigDecimal.valueOf(24)) < 0) {
            return AgeGroup.INFANT;
        }
        int years = months.divideToIntegralValue(BigDecimal.valueOf(12)).intValue();
        if (years < 12) {
            return AgeGroup.CHILD;
        }
        if (years < 18) {
            return AgeGroup.ADOLESCENT;
        }
        return years < 65 ? AgeGroup.ADULT : AgeGroup.ELDERLY;
    }

    static BigDecimal inDays(CaseReportRequest.Age age) {
        BigDecimal v = age.value();
        return switch (age.unit()) {
            case HOUR -> v.divide(BigDecimal.valueOf(24), MathContext.DECIMAL64);
            case DAY -> v;
            case WEEK -> v.multiply(BigDecimal.valueOf(7));
            case MONTH -> v.multiply(DAYS_PER_MONTH);
            case YEAR -> v.multiply(DAYS_PER_YEAR);
            case DECADE -> v.multiply(DAYS_PER_YEAR).multiply(BigDecimal.TEN);
        };
    }

    static BigDecimal inYears(CaseReportRequest.Age age) {
        return switch (age.unit()) {
            case YEAR -> age.value();
            case DECADE -> age.value().multiply(BigDecimal.TEN);
            case MONTH -> age.value().divide(BigDecimal.valueOf(12), MathContext.DECIMAL64);
            default -> inDays(age).divide(DAYS_PER_YEAR, MathContext.DECIMAL64);
        };
    }
}
