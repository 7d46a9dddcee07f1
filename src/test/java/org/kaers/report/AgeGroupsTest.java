package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.fixtures.RequestBuilders.age;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;

/**
 * ICH age groups: neonate &lt; 28 days, infant 28 days to 23 months, child 2-11 years, adolescent 12-17,
 * adult 18-64, elderly 65+. Conversions: 1 month = 30.4375 days, 1 year = 365.25 days.
 */
class AgeGroupsTest {

    @ParameterizedTest(name = "{0} HOUR -> {1}")
    @CsvSource({
        "0, NEONATE",
        "671, NEONATE", // 671 / 24 = 27.958 days
        "671.99, NEONATE", // 27.9996 days
        "672, INFANT", // 672 / 24 = 28 days exactly
        "17531, INFANT", // 730.458 days = 23.9986 months
        "17532, CHILD", // 730.5 days = 24 months exactly (2 years)
        "99999.99, CHILD"
    }) // largest value allowed by @Digits: 4166.67 days = 11.4 years
    void hours(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.HOUR))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} DAY -> {1}")
    @CsvSource({
        "0, NEONATE",
        "27, NEONATE",
        "27.99, NEONATE",
        "28, INFANT",
        "730, INFANT", // 730 / 30.4375 = 23.984 months
        "730.5, CHILD", // 24 months exactly
        "4382, CHILD", // 143.967 months = 11 years
        "4383, ADOLESCENT", // 144 months exactly = 12 years
        "6574, ADOLESCENT", // 215.984 months
        "6574.5, ADULT", // 216 months = 18 years
        "23741, ADULT", // 64.9993 years
        "23741.25, ELDERLY"
    }) // 65 x 365.25
    void days(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.DAY))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} WEEK -> {1}")
    @CsvSource({
        "0, NEONATE",
        "3, NEONATE", // 21 days
        "3.99, NEONATE", // 27.93 days
        "4, INFANT", // 28 days
        "104, INFANT", // 728 days = 23.918 months
        "105, CHILD", // 735 days = 24.148 months
        "626, CHILD", // 4382 days = 143.967 months
        "627, ADOLESCENT", // 4389 days = 144.197 months
        "3392, ELDERLY"
    }) // 23744 days = 65.007 years
    void weeks(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.WEEK))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} MONTH -> {1}")
    @CsvSource({
        "0, NEONATE", // 0 days
        "0.91, NEONATE", // 27.698 days
        "0.92, INFANT", // 28.0025 days
        "1, INFANT",
        "23, INFANT",
        "23.99, INFANT",
        "24, CHILD",
        "143, CHILD", // 11.92 years
        "144, ADOLESCENT", // 12 years
        "215, ADOLESCENT",
        "216, ADULT", // 18 years
        "779, ADULT", // 64.92 years
        "780, ELDERLY"
    }) // 65 years
    void months(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.MONTH))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} YEAR -> {1}")
    @CsvSource({
        "0, INFANT", // a neonate cannot be told apart at year precision
        "0.07, NEONATE", // 25.57 days
        "0.08, INFANT", // 29.22 days
        "1, INFANT",
        "1.99, INFANT", // 23.88 months
        "2, CHILD",
        "11, CHILD",
        "11.99, CHILD",
        "12, ADOLESCENT",
        "17, ADOLESCENT",
        "17.99, ADOLESCENT",
        "18, ADULT",
        "64, ADULT",
        "64.99, ADULT",
        "65, ELDERLY",
        "130, ELDERLY"
    })
    void years(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.YEAR))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} DECADE -> {1}")
    @CsvSource({
        "0, INFANT",
        "0.01, INFANT", // 0.1 year = 36.5 days
        "0.1, INFANT", // 1 year
        "0.19, INFANT", // 1.9 years
        "0.2, CHILD", // 2 years
        "1.1, CHILD", // 11 years
        "1.2, ADOLESCENT", // 12 years
        "1.7, ADOLESCENT", // 17 years
        "1.8, ADULT", // 18 years
        "6.4, ADULT", // 64 years
        "6.5, ELDERLY"
    }) // 65 years
    void decades(String value, AgeGroup expected) {
        assertThat(AgeGroups.of(age(value, AgeUnit.DECADE))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} = {2} days")
    @CsvSource({
        "36, HOUR, 1.5",
        "10, DAY, 10",
        "2, WEEK, 14",
        "2, MONTH, 60.875", // 2 x 30.4375
        "2, YEAR, 730.5", // 2 x 365.25
        "1, DECADE, 3652.5"
    })
    void inDays(String value, AgeUnit unit, String expectedDays) {
        assertThat(AgeGroups.inDays(age(value, unit))).isEqualByComparingTo(new BigDecimal(expectedDays));
    }

    @ParameterizedTest(name = "{0} {1} = {2} years")
    @CsvSource({
        "17532, HOUR, 2", // 730.5 days
        "730.5, DAY, 2",
        "52, WEEK, 0.9965776865160849", // 364 / 365.25, 16 significant digits
        "6, MONTH, 0.5",
        "34, YEAR, 34",
        "13, DECADE, 130"
    })
    void inYears(String value, AgeUnit unit, String expectedYears) {
        assertThat(AgeGroups.inYears(age(value, unit))).isEqualByComparingTo(new BigDecimal(expectedYears));
    }

    @Test
    void zeroIsAnInfantInYearsButANeonateInMonths() {
        assertThat(AgeGroups.of(age("0", AgeUnit.YEAR))).isEqualTo(AgeGroup.INFANT);
        assertThat(AgeGroups.of(age("0", AgeUnit.DECADE))).isEqualTo(AgeGroup.INFANT);
        assertThat(AgeGroups.of(age("0", AgeUnit.MONTH))).isEqualTo(AgeGroup.NEONATE);
    }
}
