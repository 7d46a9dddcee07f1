package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.fixtures.RequestBuilders.aCase;
import static org.kaers.fixtures.RequestBuilders.patient;
import static org.kaers.fixtures.RequestBuilders.product;
import static org.kaers.fixtures.RequestBuilders.suspect;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;

class CaseDerivationsTest {

    @Nested
    class Serious {

        @Test
        void noCriteriaListIsNotSerious() {
            assertThat(CaseDerivations.serious(aCase().seriousnessCriteria((List<SeriousnessCriterion>) null)
                            .build()))
                    .isFalse();
        }

        @Test
        void anEmptyCriteriaListIsNotSerious() {
            assertThat(CaseDerivations.serious(
                            aCase().seriousnessCriteria(List.of()).build()))
                    .isFalse();
        }

        @ParameterizedTest
        @EnumSource(SeriousnessCriterion.class)
        void anyOneCriterionMakesTheCaseSerious(SeriousnessCriterion criterion) {
            assertThat(CaseDerivations.serious(
                            aCase().seriousnessCriteria(criterion).build()))
                    .isTrue();
        }
    }

    @Nested
    class AgeGroupDerivation {

        @Test
        void theAgeDecidesEvenWhenTheReportedGroupDisagrees() {
            assertThat(CaseDerivations.ageGroup(patient()
                            .age("70", AgeUnit.YEAR)
                            .ageGroup(AgeGroup.ADULT)
                            .build()))
                    .isEqualTo(AgeGroup.ELDERLY);
        }

        @Test
        void theAgeIsUsedWithoutAReportedGroup() {
            assertThat(CaseDerivations.ageGroup(patient().age("3", AgeUnit.WEEK).build()))
                    .isEqualTo(AgeGroup.NEONATE);
        }

        @Test
        void theReportedGroupIsUsedWithoutAnAge() {
            assertThat(CaseDerivations.ageGroup(
                            patient().ageGroup(AgeGroup.ADOLESCENT).build()))
                    .isEqualTo(AgeGroup.ADOLESCENT);
        }

        @Test
        void neitherAgeNorGroupGivesNull() {
            assertThat(CaseDerivations.ageGroup(patient().sex(Sex.FEMALE).build()))
                    .isNull();
        }
    }

    @Nested
    class FirstExposure {

        @Test
        void theEarliestStartOfASuspectOrInteractingProduct() {
            List<CaseReportRequest.Product> products = List.of(
                    suspect().startDate(LocalDate.of(2026, 1, 20)).build(),
                    product(ProductRole.INTERACTING)
                            .startDate(LocalDate.of(2026, 1, 10))
                            .build(),
                    suspect().startDate(LocalDate.of(2026, 2, 1)).build());

            assertThat(CaseDerivations.firstExposure(products)).isEqualTo(LocalDate.of(2026, 1, 10));
        }

        @Test
        void concomitantProductsAreIgnoredEvenWhenEarlier() {
            List<CaseReportRequest.Product> products = List.of(
                    product(ProductRole.CONCOMITANT)
                            .startDate(LocalDate.of(2025, 6, 1))
                            .build(),
                    suspect().startDate(LocalDate.of(2026, 1, 10)).build());

            assertThat(CaseDerivations.firstExposure(products)).isEqualTo(LocalDate.of(2026, 1, 10));
        }

        @Test
        void productsWithoutStartDateAreSkipped() {
            List<CaseReportRequest.Product> products = List.of(
                    suspect().build(),
                    product(ProductRole.INTERACTING)
                            .startDate(LocalDate.of(2026, 2, 3))
                            .build());

            assertThat(CaseDerivations.firstExposure(products)).isEqualTo(LocalDate.of(2026, 2, 3));
        }

        @Test
        void noSuspectStartDateGivesNull() {
            List<CaseReportRequest.Product> products = List.of(
                    suspect().stopDate(LocalDate.of(2026, 2, 3)).build(),
                    product(ProductRole.CONCOMITANT)
                            .startDate(LocalDate.of(2026, 1, 1))
                            .build());

            assertThat(CaseDerivations.firstExposure(products)).isNull();
        }

        @Test
        void noProductsGivesNull() {
            assertThat(CaseDerivations.firstExposure(List.of())).isNull();
        }
    }

    @Nested
    class TimeToOnset {

        @ParameterizedTest(name = "{0} -> {1} = {2} days")
        @CsvSource({
            "2026-01-10, 2026-02-14, 35", // 21 days to 31 January + 14
            "2026-01-10, 2026-01-10, 0", // same day
            "2026-01-10, 2026-01-05, -5", // reaction before exposure
            "2024-02-28, 2024-03-01, 2", // leap year: 29 February counts
            "2025-12-31, 2026-01-01, 1",
            "2020-01-01, 2026-01-01, 2192"
        }) // 6 x 365 + 2 leap days (2020, 2024)
        void daysFromFirstExposureToOnset(LocalDate firstExposure, LocalDate onset, int expected) {
            assertThat(CaseDerivations.timeToOnsetDays(firstExposure, onset)).isEqualTo(expected);
        }

        @Test
        void unknownExposureGivesNull() {
            assertThat(CaseDerivations.timeToOnsetDays(null, LocalDate.of(2026, 2, 14)))
                    .isNull();
        }

        @Test
        void unknownOnsetGivesNull() {
            assertThat(CaseDerivations.timeToOnsetDays(LocalDate.of(2026, 1, 10), null))
                    .isNull();
        }

        @Test
        void bothUnknownGivesNull() {
            assertThat(CaseDerivations.timeToOnsetDays(null, null)).isNull();
        }
    }

    @Test
    void theLastDoseIsTheLatestStopOfASuspectOrInteractingProduct() {
        List<CaseReportRequest.Product> products = List.of(
                suspect().stopDate(LocalDate.of(2026, 2, 1)).build(),
                product(ProductRole.INTERACTING)
                        .name("alprazolam")
                        .stopDate(LocalDate.of(2026, 2, 9))
                        .build(),
                product(ProductRole.CONCOMITANT)
                        .name("alcohol")
                        .stopDate(LocalDate.of(2026, 3, 1))
                        .build(),
                suspect().build());
        assertThat(CaseDerivations.lastExposure(products)).isEqualTo(LocalDate.of(2026, 2, 9));
        assertThat(CaseDerivations.lastExposure(List.of(suspect().build()))).isNull();
        assertThat(CaseDerivations.lastExposure(List.of(product(ProductRole.CONCOMITANT)
                        .stopDate(LocalDate.of(2026, 3, 1))
                        .build())))
                .isNull();
    }

    @Test
    void hoursFromExposureToOnsetNeedBothTimes() {
        assertThat(CaseDerivations.exposureToOnsetHours(
                        new Exposure(null, null, null, "2026-03-10T14:00", "2026-03-10T20:30", null)))
                .isEqualTo(6L);
        assertThat(CaseDerivations.exposureToOnsetHours(
                        new Exposure(null, null, null, "2026-03-10", "2026-03-10T20:30", null)))
                .isNull();
        assertThat(CaseDerivations.exposureToOnsetHours(null)).isNull();
    }

    @Test
    void anAgeOfAtMost130YearsHasAGroupAndAnOlderOneNone() {
        assertThat(CaseDerivations.ageGroup(patient().age("130", AgeUnit.YEAR).build()))
                .isEqualTo(AgeGroup.ELDERLY);
        assertThat(CaseDerivations.ageGroup(patient()
                        .age("131", AgeUnit.YEAR)
                        .ageGroup(AgeGroup.ELDERLY)
                        .build()))
                .isNull();
    }
}
