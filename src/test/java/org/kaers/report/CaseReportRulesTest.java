package org.kaers.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kaers.fixtures.RequestBuilders.aCase;
import static org.kaers.fixtures.RequestBuilders.lab;
import static org.kaers.fixtures.RequestBuilders.patient;
import static org.kaers.fixtures.RequestBuilders.product;
import static org.kaers.fixtures.RequestBuilders.reaction;
import static org.kaers.fixtures.RequestBuilders.suspect;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.kaers.common.Violation;
import org.kaers.fixtures.RequestBuilders.PatientBuilder;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.Care;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.DoseUnit;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.LabTest;
import org.kaers.report.model.PatientHistory;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;
import org.kaers.report.model.Toxicology;
import org.kaers.report.model.VitalSigns;

class CaseReportRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final LocalDate TOMORROW = TODAY.plusDays(1);

    private static List<Violation> check(CaseReportRequest report) {
        return CaseReportRules.check(report, TODAY);
    }

    private static Violation body(String field, String message) {
        return new Violation(field, "body", message);
    }

    @Nested
    class ValidCases {

        @Test
        void theSmallestCaseIsValid() {
            assertThat(check(aCase().build())).isEmpty();
        }

        @Test
        void aCaseUsingEveryFieldConsistentlyIsValid() {
            CaseReportRequest report = aCase().patient(patient()
                            .initials("JD")
                            .age("34", AgeUnit.YEAR)
                            .ageGroup(AgeGroup.ADULT)
                            .sex(Sex.FEMALE)
                            .weightKg("61.5")
                            .pregnant(true))
                    .products(
                            suspect()
                                    .dose("5", DoseUnit.GRAM)
                                    .startDate(LocalDate.of(2026, 1, 10))
                                    .stopDate(TODAY),
                            product(ProductRole.INTERACTING)
                                    .name("alprazolam")
                                    .dose("0.5", DoseUnit.MILLIGRAM)
                                    .startDate(TODAY)
                                    .stopDate(TODAY),
                            product(ProductRole.CONCOMITANT).name("alcohol").startDate(LocalDate.of(2025, 6, 1)))
                    .reactions(
                            reaction("respiratory depression", LocalDate.of(2026, 3, 14), ReactionOutcome.FATAL),
                            reaction("seizure", TODAY, ReactionOutcome.NOT_RECOVERED))
                    .seriousnessCriteria(
                            SeriousnessCriterion.DEATH,
                            SeriousnessCriterion.HOSPITALIZATION,
                            SeriousnessCriterion.LIFE_THREATENING)
                    .dateOfDeath(TODAY)
                    .labs(lab("ALT", "1250", "40", LocalDate.of(2026, 3, 14)), lab("ALP", "200", "120", TODAY))
                    .narrative("collapsed at home")
                    .build();

            assertThat(check(report)).isEmpty();
        }

        @Test
        void emptyAndAbsentOptionalListsAreValid() {
            assertThat(check(aCase().seriousnessCriteria(List.of()).build())).isEmpty();
            assertThat(check(aCase().seriousnessCriteria((List<SeriousnessCriterion>) null)
                            .build()))
                    .isEmpty();
            assertThat(check(aCase().labs().build())).isEmpty();
        }
    }

    @Nested
    class Products {

        @Test
        void aCaseWithoutSuspectOrInteractingProductIsRejected() {
            CaseReportRequest report = aCase().products(
                            product(ProductRole.CONCOMITANT).name("alcohol"),
                            product(ProductRole.CONCOMITANT).name("fentanyl"))
                    .build();

            assertThat(check(report))
                    .containsExactly(body("products", "at least one product must have role SUSPECT or INTERACTING"));
        }

        @ParameterizedTest
        @EnumSource(
                value = ProductRole.class,
                names = {"SUSPECT", "INTERACTING"})
        void oneSuspectOrInteractingProductIsEnough(ProductRole role) {
            CaseReportRequest report = aCase().products(
                            product(ProductRole.CONCOMITANT).name("alcohol"), product(role))
                    .build();

            assertThat(check(report)).isEmpty();
        }

        @Test
        void stopDateBeforeStartDateIsRejectedOnTheStopDate() {
            CaseReportRequest report = aCase().products(
                            suspect().startDate(LocalDate.of(2026, 2, 1)).stopDate(LocalDate.of(2026, 2, 10)),
                            suspect().startDate(LocalDate.of(2026, 2, 20)).stopDate(LocalDate.of(2026, 2, 19)))
                    .build();

            assertThat(check(report)).containsExactly(body("products[1].stopDate", "must not be before startDate"));
        }

        @Test
        void stopDateOnStartDateIsValid() {
            LocalDate day = LocalDate.of(2026, 2, 20);
            assertThat(check(aCase().products(suspect().startDate(day).stopDate(day))
                            .build()))
                    .isEmpty();
        }

        @Test
        void aStopDateWithoutStartDateOrTheReverseIsValid() {
            CaseReportRequest report = aCase().products(
                            suspect().stopDate(LocalDate.of(2026, 2, 1)),
                            suspect().startDate(LocalDate.of(2026, 2, 1)))
                    .build();

            assertThat(check(report)).isEmpty();
        }

        @Test
        void doseAmountWithoutDoseUnitIsRejectedOnTheUnit() {
            CaseReportRequest report = aCase().products(
                            suspect().dose("5", DoseUnit.GRAM), suspect().dose("3", null))
                    .build();

            assertThat(check(report))
                    .containsExactly(body("products[1].doseUnit", "is required when doseAmount is given"));
        }

        @Test
        void doseUnitWithoutDoseAmountIsValid() {
            assertThat(check(aCase().products(suspect().dose(null, DoseUnit.CAPSULE))
                            .build()))
                    .isEmpty();
        }
    }

    @Nested
    class FutureDates {

        static Stream<Arguments> datedFields() {
            return Stream.of(
                    Arguments.of(
                            "products[1].startDate",
                            aCase().products(suspect(), suspect().startDate(TOMORROW))
                                    .build()),
                    Arguments.of(
                            "products[0].stopDate",
                            aCase().products(suspect().stopDate(TOMORROW)).build()),
                    Arguments.of(
                            "reactions[1].onsetDate",
                            aCase().reactions(
                                            reaction("nausea", TODAY, ReactionOutcome.RECOVERED),
                                            reaction("seizure", TOMORROW, ReactionOutcome.RECOVERING))
                                    .build()),
                    Arguments.of(
                            "dateOfDeath",
                            aCase().reactions(reaction(ReactionOutcome.FATAL))
                                    .seriousnessCriteria(SeriousnessCriterion.DEATH)
                                    .dateOfDeath(TOMORROW)
                                    .build()),
                    Arguments.of(
                            "labs[1].date",
                            aCase().labs(lab("ALT", "80", "40", TODAY), lab("ALP", "90", "120", TOMORROW))
                                    .build()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("datedFields")
        void aDateAfterTodayIsRejected(String field, CaseReportRequest report) {
            assertThat(check(report)).containsExactly(body(field, "must not be in the future"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("datedFields")
        void theSameDatesAreValidOneDayLater(String field, CaseReportRequest report) {
            assertThat(CaseReportRules.check(report, TOMORROW)).isEmpty();
        }

        @Test
        void everyDateOnTodayIsValid() {
            CaseReportRequest report = aCase().products(
                            suspect().startDate(TODAY).stopDate(TODAY))
                    .reactions(reaction("apnoea", TODAY, ReactionOutcome.FATAL))
                    .seriousnessCriteria(SeriousnessCriterion.DEATH)
                    .dateOfDeath(TODAY)
                    .labs(lab("ALT", "80", "40", TODAY))
                    .build();

            assertThat(check(report)).isEmpty();
        }

        @Test
        void aStartAndStopBothInTheFutureGiveOneViolationEach() {
            CaseReportRequest report = aCase().products(
                            suspect().startDate(TOMORROW).stopDate(TODAY.plusDays(30)))
                    .build();

            assertThat(check(report))
                    .containsExactly(
                            body("products[0].startDate", "must not be in the future"),
                            body("products[0].stopDate", "must not be in the future"));
        }
    }

    @Nested
    class Seriousness {

        @Test
        void aCriterionListedTwiceIsRejectedOnce() {
            CaseReportRequest report = aCase().seriousnessCriteria(
                            SeriousnessCriterion.HOSPITALIZATION,
                            SeriousnessCriterion.DISABILITY,
                            SeriousnessCriterion.HOSPITALIZATION,
                            SeriousnessCriterion.HOSPITALIZATION)
                    .build();

            assertThat(check(report)).containsExactly(body("seriousnessCriteria", "must not list a criterion twice"));
        }

        @Test
        void aFatalOutcomeWithoutTheDeathCriterionIsRejected() {
            CaseReportRequest report = aCase().reactions(
                            reaction(ReactionOutcome.RECOVERED), reaction(ReactionOutcome.FATAL))
                    .seriousnessCriteria(SeriousnessCriterion.HOSPITALIZATION)
                    .build();

            assertThat(check(report))
                    .containsExactly(
                            body("seriousnessCriteria", "must include DEATH when a reaction has outcome FATAL"));
        }

        @Test
        void aFatalOutcomeWithoutAnyCriterionIsRejected() {
            CaseReportRequest report =
                    aCase().reactions(reaction(ReactionOutcome.FATAL)).build();

            assertThat(check(report))
                    .containsExactly(
                            body("seriousnessCriteria", "must include DEATH when a reaction has outcome FATAL"));
        }

        @Test
        void theDeathCriterionWithoutAFatalOutcomeIsRejected() {
            CaseReportRequest report = aCase().reactions(
                            reaction(ReactionOutcome.NOT_RECOVERED), reaction(ReactionOutcome.UNKNOWN))
                    .seriousnessCriteria(SeriousnessCriterion.LIFE_THREATENING, SeriousnessCriterion.DEATH)
                    .build();

            assertThat(check(report))
                    .containsExactly(body(
                            "reactions",
                            "at least one reaction must have outcome FATAL when the DEATH criterion is given"));
        }

        @Test
        void aDateOfDeathWithoutTheDeathCriterionIsRejected() {
            CaseReportRequest report = aCase().seriousnessCriteria(SeriousnessCriterion.HOSPITALIZATION)
                    .dateOfDeath(LocalDate.of(2026, 3, 1))
                    .build();

            assertThat(check(report)).containsExactly(body("dateOfDeath", "is only allowed with the DEATH criterion"));
        }

        @Test
        void aDateOfDeathAndAFatalOutcomeWithoutTheDeathCriterionGiveBothViolations() {
            CaseReportRequest report = aCase().reactions(reaction(ReactionOutcome.FATAL))
                    .dateOfDeath(LocalDate.of(2026, 3, 1))
                    .build();

            assertThat(check(report))
                    .containsExactly(
                            body("seriousnessCriteria", "must include DEATH when a reaction has outcome FATAL"),
                            body("dateOfDeath", "is only allowed with the DEATH criterion"));
        }

        @Test
        void anOnsetAfterTheDateOfDeathIsRejectedOnThatReaction() {
            LocalDate death = LocalDate.of(2026, 3, 10);
            CaseReportRequest report = aCase().reactions(
                            reaction("apnoea", death, ReactionOutcome.FATAL),
                            reaction("rash", death.plusDays(1), ReactionOutcome.UNKNOWN),
                            reaction("nausea", null, ReactionOutcome.UNKNOWN),
                            reaction("agitation", death.minusDays(3), ReactionOutcome.RECOVERED))
                    .seriousnessCriteria(SeriousnessCriterion.DEATH)
                    .dateOfDeath(death)
                    .build();

            assertThat(check(report)).containsExactly(body("reactions[1].onsetDate", "must not be after dateOfDeath"));
        }

        @Test
        void aFatalCaseWithoutDateOfDeathIsValid() {
            CaseReportRequest report = aCase().reactions(
                            reaction(ReactionOutcome.FATAL), reaction(ReactionOutcome.RECOVERED))
                    .seriousnessCriteria(SeriousnessCriterion.DEATH)
                    .build();

            assertThat(check(report)).isEmpty();
        }
    }

    @Nested
    class PatientRules {

        private CaseReportRequest withPatient(PatientBuilder patient) {
            return aCase().patient(patient).build();
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            // 130 years = 47482.5 days = 6783.21 weeks = 1560 months = 13 decades = 1139580 hours
            "130.01, YEAR",
            "13.01, DECADE",
            "1561, MONTH", // 130.083 years
            "6784, WEEK", // 47488 days = 130.015 years
            "47483, DAY", // 130.0014 years
            "1139604, HOUR"
        }) // 47483.5 days = 130.003 years (above the @Digits limit, still checked here)
        void anAgeOver130YearsIsRejected(String value, AgeUnit unit) {
            assertThat(check(withPatient(patient().age(value, unit))))
                    .containsExactly(body("patient.age.value", "must be at most 130 years"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "130, YEAR",
            "13, DECADE",
            "1560, MONTH",
            "6783, WEEK", // 47481 days = 129.996 years
            "47482.5, DAY",
            "1139580, HOUR",
            "99999.99, HOUR"
        })
        void anAgeOfAtMost130YearsIsValid(String value, AgeUnit unit) {
            assertThat(check(withPatient(patient().age(value, unit)))).isEmpty();
        }

        @Test
        void anAgeOver130YearsIsNotAlsoComparedWithTheAgeGroup() {
            CaseReportRequest report =
                    withPatient(patient().age("131", AgeUnit.YEAR).ageGroup(AgeGroup.CHILD));

            assertThat(check(report)).containsExactly(body("patient.age.value", "must be at most 130 years"));
        }

        @ParameterizedTest(name = "{0} {1} reported as {2}")
        @CsvSource({
            "34, YEAR, ELDERLY, ADULT",
            "65, YEAR, ADULT, ELDERLY",
            "27, DAY, INFANT, NEONATE",
            "24, MONTH, INFANT, CHILD",
            "1.2, DECADE, CHILD, ADOLESCENT"
        })
        void anAgeGroupThatDisagreesWithTheAgeIsRejected(
                String value, AgeUnit unit, AgeGroup reported, AgeGroup derived) {
            CaseReportRequest report = withPatient(patient().age(value, unit).ageGroup(reported));

            assertThat(check(report))
                    .containsExactly(body(
                            "patient.ageGroup",
                            "does not match the age given (" + derived + "); give one or make them agree"));
        }

        @Test
        void theMismatchMessageNamesTheDerivedGroup() {
            CaseReportRequest report =
                    withPatient(patient().age("34", AgeUnit.YEAR).ageGroup(AgeGroup.ELDERLY));

            assertThat(check(report))
                    .extracting(Violation::message)
                    .containsExactly("does not match the age given (ADULT); give one or make them agree");
        }

        @ParameterizedTest(name = "{0} {1} reported as {2}")
        @CsvSource({"34, YEAR, ADULT", "27, DAY, NEONATE", "23, MONTH, INFANT", "6.5, DECADE, ELDERLY"})
        void anAgeGroupThatAgreesWithTheAgeIsValid(String value, AgeUnit unit, AgeGroup reported) {
            assertThat(check(withPatient(patient().age(value, unit).ageGroup(reported))))
                    .isEmpty();
        }

        @Test
        void anAgeGroupWithoutAgeIsValid() {
            assertThat(check(withPatient(patient().ageGroup(AgeGroup.ELDERLY)))).isEmpty();
        }

        @Test
        void aPregnantMaleIsRejected() {
            CaseReportRequest report = withPatient(patient().sex(Sex.MALE).pregnant(true));

            assertThat(check(report)).containsExactly(body("patient.pregnant", "must not be true when sex is MALE"));
        }

        @ParameterizedTest(name = "pregnant={0}, sex={1}")
        @CsvSource({"true, FEMALE", "true, UNKNOWN", "true, ", "false, MALE", ", MALE"})
        void otherPregnancyAndSexCombinationsAreValid(Boolean pregnant, Sex sex) {
            assertThat(check(withPatient(patient().sex(sex).pregnant(pregnant))))
                    .isEmpty();
        }
    }

    @Test
    void everyViolationIsReportedInTheOrderProductsThenReactionsAndSeriousnessThenPatientThenLabs() {
        CaseReportRequest report = aCase().patient(patient()
                        .age("40", AgeUnit.YEAR)
                        .ageGroup(AgeGroup.CHILD)
                        .sex(Sex.MALE)
                        .pregnant(true))
                .products(product(ProductRole.CONCOMITANT)
                        .dose("2", null)
                        .startDate(LocalDate.of(2026, 3, 5))
                        .stopDate(LocalDate.of(2026, 3, 1)))
                .reactions(reaction("coma", TOMORROW, ReactionOutcome.FATAL))
                .seriousnessCriteria(SeriousnessCriterion.HOSPITALIZATION, SeriousnessCriterion.HOSPITALIZATION)
                .dateOfDeath(LocalDate.of(2026, 3, 12))
                .labs(lab("ALT", "300", "40", TOMORROW))
                .build();

        assertThat(check(report))
                .containsExactly(
                        body("products", "at least one product must have role SUSPECT or INTERACTING"),
                        body("products[0].stopDate", "must not be before startDate"),
                        body("products[0].doseUnit", "is required when doseAmount is given"),
                        body("seriousnessCriteria", "must not list a criterion twice"),
                        body("reactions[0].onsetDate", "must not be in the future"),
                        body("seriousnessCriteria", "must include DEATH when a reaction has outcome FATAL"),
                        body("dateOfDeath", "is only allowed with the DEATH criterion"),
                        body("reactions[0].onsetDate", "must not be after dateOfDeath"),
                        body("patient.ageGroup", "does not match the age given (ADULT); give one or make them agree"),
                        body("patient.pregnant", "must not be true when sex is MALE"),
                        body("labs[0].date", "must not be in the future"));
    }

    /** The report with its clinical sections (exposure, care, vital signs, toxicology) set. */
    private static CaseReportRequest clinical(
            CaseReportRequest r, Exposure exposure, Care care, VitalSigns vitals, List<Toxicology> toxicology) {
        return new CaseReportRequest(
                r.reporter(),
                r.patient(),
                r.products(),
                r.reactions(),
                r.seriousnessCriteria(),
                r.dateOfDeath(),
                r.labs(),
                r.narrative(),
                null,
                exposure,
                care,
                vitals,
                toxicology);
    }

    private static List<Violation> exposure(CaseReportRequest r, String exposureAt, String onsetAt) {
        return check(clinical(r, new Exposure(null, null, null, exposureAt, onsetAt, null), null, null, null));
    }

    private static List<Violation> care(CaseReportRequest r, Care care) {
        return check(clinical(r, null, care, null, null));
    }

    private static Care.Treatment treatment(Care.TreatmentCode code, String dose, DoseUnit unit) {
        return new Care.Treatment(code, dose == null ? null : new java.math.BigDecimal(dose), unit, null, null);
    }

    private static CaseReportRequest fatal() {
        return aCase().reactions(reaction("apnoea", TODAY, ReactionOutcome.FATAL))
                .seriousnessCriteria(SeriousnessCriterion.DEATH)
                .build();
    }

    @Nested
    class ExposureRules {

        @Test
        void anOnsetBeforeTheExposureIsRefusedByDateAndByHour() {
            assertThat(exposure(aCase().build(), "2026-03-10", "2026-03-09"))
                    .containsExactly(body("exposure.onsetAt", "must not be before exposure.exposureAt"));
            assertThat(exposure(aCase().build(), "2026-03-10T14:00", "2026-03-10T13:00"))
                    .containsExactly(body("exposure.onsetAt", "must not be before exposure.exposureAt"));
        }

        @Test
        void anOnsetAtOrAfterTheExposureIsValid() {
            assertThat(exposure(aCase().build(), "2026-03-10T14:00", "2026-03-10T14:00"))
                    .isEmpty();
            assertThat(exposure(aCase().build(), "2026-03-10", "2026-03-10T09:00"))
                    .isEmpty();
            assertThat(exposure(aCase().build(), "2026-03-09", "2026-03-10")).isEmpty();
            assertThat(exposure(aCase().build(), "2026-03-09", null)).isEmpty();
            assertThat(exposure(aCase().build(), null, "2026-03-09")).isEmpty();
            assertThat(exposure(aCase().build(), null, null)).isEmpty();
        }

        @Test
        void aDateThatDoesNotExistOrLiesAheadIsNamed() {
            assertThat(exposure(aCase().build(), "2026-02-30", null))
                    .containsExactly(body("exposure.exposureAt", "is not a real date or time"));
            assertThat(exposure(aCase().build(), null, TOMORROW + "T08:00"))
                    .containsExactly(body("exposure.onsetAt", "must not be in the future"));
            assertThat(exposure(aCase().build(), "tomorrow", null))
                    .as("the pattern's job")
                    .isEmpty();
        }

        @Test
        void theOnsetDateIsTheEarliestReactionOnset() {
            CaseReportRequest report = aCase().reactions(
                            reaction("seizure", LocalDate.of(2026, 3, 13), ReactionOutcome.RECOVERED),
                            reaction("vomiting", LocalDate.of(2026, 3, 12), ReactionOutcome.RECOVERED),
                            reaction("agitation", null, ReactionOutcome.RECOVERED))
                    .build();
            assertThat(exposure(report, null, "2026-03-12T08:00")).isEmpty();
            assertThat(exposure(report, null, "2026-03-13"))
                    .containsExactly(body(
                            "exposure.onsetAt", "its date must equal the earliest reactions[].onsetDate (2026-03-12)"));
            assertThat(exposure(aCase().build(), null, "2026-03-13"))
                    .as("no reaction onset to compare with")
                    .isEmpty();
        }
    }

    @Nested
    class CareRules {

        @Test
        void daysInHospitalNeedAnInHospitalLevel() {
            Violation refused = body(
                    "care.daysInHospital",
                    "is only allowed with level ADMITTED_WARD, ADMITTED_CRITICAL_CARE or PSYCHIATRIC_CARE");
            for (Care.Level level : Care.Level.values()) {
                List<Violation> found = care(aCase().build(), new Care(level, 3, null, null));
                if (level == Care.Level.ADMITTED_WARD
                        || level == Care.Level.ADMITTED_CRITICAL_CARE
                        || level == Care.Level.PSYCHIATRIC_CARE) {
                    assertThat(found).as(level.name()).isEmpty();
                } else {
                    assertThat(found).as(level.name()).containsExactly(refused);
                }
            }
            assertThat(care(aCase().build(), new Care(null, 3, null, null))).containsExactly(refused);
            assertThat(care(aCase().build(), new Care(Care.Level.TREATED_AT_HOME, null, null, null)))
                    .isEmpty();
        }

        @Test
        void aTreatmentIsListedOnceAndADoseHasAUnit() {
            Care care = new Care(
                    Care.Level.ADMITTED_WARD,
                    null,
                    List.of(
                            treatment(Care.TreatmentCode.NALOXONE, "4", DoseUnit.MILLIGRAM),
                            treatment(Care.TreatmentCode.BENZODIAZEPINE, "2", null),
                            treatment(Care.TreatmentCode.NALOXONE, null, null)),
                    null);
            assertThat(care(aCase().build(), care))
                    .containsExactly(
                            body("care.treatments[1].doseUnit", "is required when doseAmount is given"),
                            body("care.treatments[2].code", "must not be listed twice"));
        }

        @Test
        void theMedicalOutcomeAndTheDeathCriterionAgree() {
            assertThat(care(aCase().build(), new Care(null, null, null, Care.MedicalOutcome.DEATH)))
                    .containsExactly(body("care.medicalOutcome", "DEATH requires the DEATH seriousness criterion"));
            assertThat(care(fatal(), new Care(null, null, null, Care.MedicalOutcome.MINOR)))
                    .containsExactly(body("care.medicalOutcome", "must be DEATH when the DEATH criterion is given"));
            assertThat(care(fatal(), new Care(null, null, null, Care.MedicalOutcome.DEATH)))
                    .isEmpty();
            assertThat(care(fatal(), new Care(null, null, null, null))).isEmpty();
            assertThat(care(aCase().build(), new Care(null, null, null, Care.MedicalOutcome.MINOR)))
                    .isEmpty();
        }
    }

    @Nested
    class VitalsAndToxicology {

        private List<Violation> vitals(Integer systolic, Integer diastolic) {
            return check(clinical(
                    aCase().build(),
                    null,
                    null,
                    new VitalSigns(null, null, null, systolic, diastolic, null, null),
                    null));
        }

        private List<Violation> toxicology(Boolean detected, String value, String unit) {
            Toxicology t = new Toxicology(
                    Toxicology.Analyte.MITRAGYNINE,
                    Toxicology.Specimen.SERUM,
                    detected,
                    value == null ? null : new java.math.BigDecimal(value),
                    unit,
                    null);
            return check(clinical(aCase().build(), null, null, null, List.of(t)));
        }

        @Test
        void theDiastolicPressureIsNotAboveTheSystolic() {
            assertThat(vitals(80, 90)).containsExactly(body("vitalSigns.diastolicBp", "must not be above systolicBp"));
            assertThat(vitals(80, 80)).isEmpty();
            assertThat(vitals(null, 90)).isEmpty();
            assertThat(vitals(80, null)).isEmpty();
        }

        @Test
        void aValueHasAUnitAndIsAbsentOrZeroWhenNothingWasDetected() {
            assertThat(toxicology(true, "190", null))
                    .containsExactly(body("toxicology[0].unit", "is required when value is given"));
            assertThat(toxicology(false, "5", "ng/mL"))
                    .containsExactly(body("toxicology[0].value", "must be absent or 0 when detected is false"));
            assertThat(toxicology(false, "0", "ng/mL")).isEmpty();
            assertThat(toxicology(false, null, null)).isEmpty();
            assertThat(toxicology(true, "190", "ng/mL")).isEmpty();
        }
    }

    @Nested
    class LabRules {

        private List<Violation> labUnit(String code, String unit) {
            return check(aCase().labs(new CaseReportRequest.Lab(code, new java.math.BigDecimal("80"), unit, null, null))
                    .build());
        }

        @Test
        void anUnknownTestCodeIsNamedWithTheKnownOnes() {
            assertThat(labUnit("XYZ", "U/L"))
                    .containsExactly(body("labs[0].testCode", "is not a known test code; known: " + LabTest.known()));
            assertThat(labUnit("xyz", "U/L")).as("the pattern's job").isEmpty();
        }

        @Test
        void theUnitIsOneOfTheTestsUnits() {
            assertThat(labUnit("ALT", "mg/dL"))
                    .containsExactly(body("labs[0].unit", "must be one of [U/L, IU/L] for ALT"));
            assertThat(labUnit("ALT", "IU/L")).isEmpty();
            assertThat(labUnit("ALT", null)).isEmpty();
            assertThat(labUnit(null, "mg/dL"))
                    .as("no test code, nothing to check the unit against")
                    .isEmpty();
        }
    }

    @Test
    void aConditionOfTheHistoryIsListedOnce() {
        PatientHistory[] all = PatientHistory.values();
        CaseReportRequest.Patient twice =
                new CaseReportRequest.Patient(null, null, null, null, null, null, List.of(all[0], all[0]));
        CaseReportRequest.Patient once =
                new CaseReportRequest.Patient(null, null, null, null, null, null, List.of(all[0], all[1]));
        assertThat(check(aCase().patient(twice).build()))
                .containsExactly(body("patient.history", "must not list a condition twice"));
        assertThat(check(aCase().patient(once).build())).isEmpty();
    }
}
