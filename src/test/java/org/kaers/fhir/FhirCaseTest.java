package org.kaers.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.kaers.fixtures.JsonAssertions.assertJsonEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * FHIR R4 export and import through HTTP: every exported Bundle passes HAPI's validator against the base R4
 * profiles with zero errors, a Bundle imported into a fresh case gives back the same clinical content, and bad
 * Bundles are 400s naming the FHIR element.
 */
@QuarkusTest
class FhirCaseTest {

    private static final String FHIR = "application/fhir+json";
    /** One validator for the class: building its support chain loads the R4 definitions (seconds). */
    private static FhirValidator validator;

    /** Every poison-centre block, a death, toxicology, history: what the round trip must carry. */
    private static final String POISON_CENTRE_DEATH = """
            {
              "reporter": {"qualification": "PHARMACIST", "country": "US", "organisation": "Regional Poison Center",
                           "contact": "+1 555 0199"},
              "patient": {"initials": "RK", "age": {"value": 27, "unit": "YEAR"}, "sex": "MALE", "weightKg": 70.25,
                          "history": ["OPIOID_USE_DISORDER", "PRIOR_KRATOM_USE"]},
              "products": [
                {"role": "SUSPECT", "name": "7-OH tablets 30 mg", "vendor": "Seven Labs", "form": "TABLET",
                 "lotNumber": "7L-0925", "doseAmount": 3, "doseUnit": "TABLET", "route": "ORAL",
                 "startDate": "2026-11-02", "stopDate": "2026-11-02", "dosesPerDay": 1.5, "purchaseChannel": "ONLINE",
                 "sevenOhMgPerServing": 30, "reasonForUse": "PAIN", "actionTaken": "DRUG_WITHDRAWN"},
                {"role": "INTERACTING", "name": "alprazolam (counterfeit bar)", "doseAmount": 2, "doseUnit": "TABLET",
                 "startDate": "2026-11-02", "stopDate": "2026-11-02"}
              ],
              "reactions": [
                {"verbatim": "respiratory depression", "onsetDate": "2026-11-02", "outcome": "FATAL"}
              ],
              "seriousnessCriteria": ["DEATH"],
              "dateOfDeath": "2026-11-03",
              "centreReference": "RPC-2026-FHIR-1",
              "narrative": "Found unresponsive at home.",
              "exposure": {"reason": "INTENTIONAL_ABUSE", "chronicity": "ACUTE_ON_CHRONIC", "site": "OWN_RESIDENCE",
                           "exposureAt": "2026-11-02T14:30", "onsetAt": "2026-11-02T15:10",
                           "acuteAmount": {"value": 3, "unit": "TABLET"}},
              "care": {"level": "ADMITTED_CRITICAL_CARE", "daysInHospital": 1, "medicalOutcome": "DEATH",
                       "treatments": [{"code": "NALOXONE", "doseAmount": 8, "doseUnit": "MILLIGRAM", "route": "INTRANASAL",
                                       "response": "PARTIAL"},
                                      {"code": "INTUBATION_VENTILATION"}]},
              "vitalSigns": {"respiratoryRate": 4, "spo2": 71, "heartRate": 48, "systolicBp": 84, "diastolicBp": 50,
                             "gcs": 5, "temperatureC": 35.9},
              "toxicology": [
                {"analyte": "SEVEN_HYDROXYMITRAGYNINE", "specimen": "POST_MORTEM_BLOOD", "detected": true, "value": 62,
                 "unit": "ng/mL", "method": "CONFIRMED"},
                {"analyte": "FENTANYL", "specimen": "POST_MORTEM_BLOOD", "detected": false, "method": "SCREEN"}
              ],
              "labs": [{"testCode": "LACTATE", "value": 6.8, "unit": "mmol/L", "date": "2026-11-02"}]
            }""";

    @BeforeAll
    static void validator() {
        // its own context, so that the R4 definitions the validator loads are garbage once the class is done
        var ctx = ca.uhn.fhir.context.FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
                new SnapshotGeneratingValidationSupport(ctx));
        FhirInstanceValidator instance = new FhirInstanceValidator(chain);
        validator = ctx.newValidator().registerValidatorModule(instance);
    }

    /** The validator holds every R4 definition (hundreds of MB): release it for the rest of the suite's JVM. */
    @org.junit.jupiter.api.AfterAll
    static void releaseValidator() {
        validator = null;
    }

    @Test
    void aCaseWithCausalityIsAValidBundleWithEveryResource() {
        String caseNumber = CaseReports.submit(CaseReports.liverInjury());
        given().contentType(ContentType.JSON).body("""
                {"productIndex": 0, "reactionIndex": 0, "whoUmc": "PROBABLE"}""")
                .post("/api/v1/reports/" + caseNumber + "/causality").then().statusCode(201);
        String body = given().accept(FHIR).get("/api/v1/fhir/cases/" + caseNumber).then().statusCode(200)
                .contentType(containsString(FHIR)).header("ETag", "\"1\"").extract().asString();
        Bundle bundle = valid(body);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getIdentifier().getValue()).isEqualTo(caseNumber + "/1");
        AdverseEvent event = only(bundle, AdverseEvent.class);
        assertThat(event.getIdentifier().getValue()).isEqualTo(caseNumber);
        assertThat(event.getSeriousness().getCodingFirstRep().getCode()).isEqualTo("Serious");
        assertThat(event.getExtensionsByUrl(Fhir.ext("seriousness-criterion")).stream()
                .map(e -> e.getValue().primitiveValue()).toList())
                .containsExactly("HOSPITALIZATION", "OTHER_MEDICALLY_IMPORTANT");
        assertThat(event.getSuspectEntity()).hasSize(1);
        var causality = event.getSuspectEntityFirstRep().getCausalityFirstRep();
        assertThat(causality.getAssessment().getCoding()).extracting(c -> c.getCode())
                .contains("Probably-Likely", "PROBABLE");
        assertThat(causality.getProductRelatedness()).isEqualTo("reaction 0: yellow skin and itching");
        Patient patient = only(bundle, Patient.class);
        assertThat(patient.getGender().toCode()).isEqualTo("male");
        assertThat(patient.getNameFirstRep().getText()).isEqualTo("JD");
        assertThat(all(bundle, Condition.class)).extracting(c -> c.getCode().getText())
                .containsExactly("yellow skin and itching", "dark urine");
        assertThat(all(bundle, MedicationStatement.class)).hasSize(2);
        assertThat(all(bundle, Observation.class)).extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("ALT", "ALP", "TOTAL_BILIRUBIN", "29463-7");
        assertThat(only(bundle, Organization.class).getName()).isEqualTo("County General");

        // the same version exported twice is the same Bundle (name-based ids)
        assertThat(given().accept(FHIR).get("/api/v1/fhir/cases/" + caseNumber + "/versions/1").then()
                .statusCode(200).extract().asString()).isEqualTo(body);
    }

    @Test
    void roundTripGivesTheSameClinicalContent() {
        for (ObjectNode report : List.of(CaseReports.liverInjury(), CaseReports.parse(POISON_CENTRE_DEATH), CaseReports.minimal())) {
            String original = CaseReports.submit(report);
            String exported = given().accept(FHIR).get("/api/v1/fhir/cases/" + original).then().statusCode(200)
                    .extract().asString();
            valid(exported);
            String copy = given().contentType(FHIR).accept(FHIR).body(exported).post("/api/v1/fhir/cases").then()
                    .statusCode(201).header("Location", containsString("/api/v1/fhir/cases/")).extract()
                    .header("Location").replaceAll(".*/", "");
            assertThat(copy).isNotEqualTo(original);
            assertJsonEquals(reportOf(original), reportOf(copy));
            String again = given().accept(FHIR).get("/api/v1/fhir/cases/" + copy).then().statusCode(200).extract()
                    .asString();
            valid(again);
            assertThat(again.replace(copy, "#").replaceAll("urn:uuid:[0-9a-f-]+|\"id\":\"[0-9a-f-]+\"", "")
                    .replaceAll("\"(timestamp|recordedDate)\":\"[^\"]+\"", ""))
                    .isEqualTo(exported.replace(original, "#").replaceAll("urn:uuid:[0-9a-f-]+|\"id\":\"[0-9a-f-]+\"", "")
                            .replaceAll("\"(timestamp|recordedDate)\":\"[^\"]+\"", ""));
        }
    }

    @Test
    void everyVersionIsExportedAndANullifiedCaseIsEnteredInError() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        ObjectNode followUp = CaseReports.minimal();
        CaseReports.reaction(followUp, 0).put("outcome", "RECOVERED");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(followUp.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"reason\": \"REPORTED_IN_ERROR\"}")
                .post("/api/v1/reports/" + caseNumber + "/nullification").then().statusCode(200);
        Bundle first = valid(given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/1").then().statusCode(200)
                .header("ETag", "\"1\"").extract().asString());
        Bundle latest = valid(given().get("/api/v1/fhir/cases/" + caseNumber).then().statusCode(200)
                .header("ETag", "\"2\"").extract().asString());
        assertThat(only(first, Condition.class).getExtensionByUrl(Fhir.ext("reaction-outcome")).getValue()
                .primitiveValue()).isEqualTo("UNKNOWN");
        Condition reaction = only(latest, Condition.class);
        assertThat(reaction.getExtensionByUrl(Fhir.ext("reaction-outcome")).getValue().primitiveValue())
                .isEqualTo("RECOVERED");
        assertThat(reaction.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("entered-in-error");
        assertThat(only(latest, AdverseEvent.class).getExtensionByUrl(Fhir.R5_STATUS).getValue().primitiveValue())
                .isEqualTo("entered-in-error");
        assertThat(only(latest, MedicationStatement.class).getStatus().toCode()).isEqualTo("entered-in-error");

        String nullified = given().get("/api/v1/fhir/cases/" + caseNumber).then().extract().asString();
        given().contentType(FHIR).body(nullified).post("/api/v1/fhir/cases").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Bundle.entry[0].resource.extension"));
        given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/3").then().statusCode(404);
        given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/zero").then().statusCode(400)
                .body("violations[0].field", equalTo("version"));
    }

    @Test
    void accessIsTheCaseReadsAndReportersGetNoCausality() {
        String mine = Tokens.of("fhir-reporter@test", "REPORTER");
        String caseNumber = CaseReports.submit(CaseReports.liverInjury(), mine);
        given().contentType(ContentType.JSON).body("""
                {"productIndex": 0, "reactionIndex": 1, "whoUmc": "POSSIBLE"}""")
                .post("/api/v1/reports/" + caseNumber + "/causality").then().statusCode(201);
        Bundle own = valid(given().header("Authorization", Tokens.bearer(mine)).get("/api/v1/fhir/cases/" + caseNumber)
                .then().statusCode(200).extract().asString());
        assertThat(only(own, AdverseEvent.class).getSuspectEntityFirstRep().getCausality()).isEmpty();
        given().header("Authorization", Tokens.bearer(Tokens.of("other@test", "REPORTER")))
                .get("/api/v1/fhir/cases/" + caseNumber).then().statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.of("researcher@test", "RESEARCHER")))
                .get("/api/v1/fhir/cases/" + caseNumber).then().statusCode(403);
        Bundle reviewed = valid(given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .get("/api/v1/fhir/cases/" + caseNumber).then().statusCode(200).extract().asString());
        assertThat(only(reviewed, AdverseEvent.class).getSuspectEntityFirstRep().getCausality()).hasSize(1);
    }

    @Test
    void badBundlesAre400sNamingTheFhirElement() {
        given().contentType(FHIR).body("{not json").post("/api/v1/fhir/cases").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("Bundle"));
        given().contentType(FHIR).body("{\"resourceType\": \"Patient\"}").post("/api/v1/fhir/cases").then()
                .statusCode(400).body("violations[0].field", equalTo("Bundle"));
        given().contentType(FHIR).body("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}")
                .post("/api/v1/fhir/cases").then().statusCode(400).body("violations[0].field", equalTo("Bundle.entry"));
        given().contentType(FHIR).body("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"bogus\": 1}")
                .post("/api/v1/fhir/cases").then().statusCode(400).body("violations[0].field", equalTo("Bundle"))
                .body("violations[0].message", containsString("bogus"));
        given().contentType("text/plain").body("x").post("/api/v1/fhir/cases").then().statusCode(415);

        String exported = given().get("/api/v1/fhir/cases/" + CaseReports.submit(CaseReports.liverInjury())).then()
                .extract().asString();
        // the first reaction without its text: the rule of reactions[0].verbatim, named by the Condition's element
        Bundle noText = Fhir.strictParser().parseResource(Bundle.class, exported);
        int conditionEntry = entryOf(noText, Condition.class);
        ((Condition) noText.getEntry().get(conditionEntry).getResource()).getCode().setText(null);
        given().contentType(FHIR).body(Fhir.writer().encodeResourceToString(noText)).post("/api/v1/fhir/cases").then()
                .statusCode(400).body("violations.field", hasItem("Bundle.entry[" + conditionEntry + "].resource.code.text"))
                .body("violations.message", hasItem(containsString("reactions[0].verbatim")));
        // an outcome code KAERS does not know
        Bundle badOutcome = Fhir.strictParser().parseResource(Bundle.class, exported);
        ((Condition) badOutcome.getEntry().get(conditionEntry).getResource())
                .getExtensionByUrl(Fhir.ext("reaction-outcome")).setValue(new org.hl7.fhir.r4.model.CodeType("BETTER"));
        given().contentType(FHIR).body(Fhir.writer().encodeResourceToString(badOutcome)).post("/api/v1/fhir/cases")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("Bundle.entry[" + conditionEntry + "].resource.extension[reaction-outcome]"))
                .body("violations[0].message", containsString("RECOVERED"));
        // a cross-field rule of the submission (stop before start) comes back on the MedicationStatement
        Bundle stopFirst = Fhir.strictParser().parseResource(Bundle.class, exported);
        int statement = entryOf(stopFirst, MedicationStatement.class);
        ((org.hl7.fhir.r4.model.Period) ((MedicationStatement) stopFirst.getEntry().get(statement).getResource())
                .getEffective()).setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2025-01-01"));
        given().contentType(FHIR).body(Fhir.writer().encodeResourceToString(stopFirst)).post("/api/v1/fhir/cases")
                .then().statusCode(400)
                .body("violations.field", hasItem("Bundle.entry[" + statement + "].resource.effectivePeriod.end"));
    }

    private static JsonNode reportOf(String caseNumber) {
        return CaseReports.parse(given().get("/api/v1/reports/" + caseNumber).then().statusCode(200).extract().asString())
                .get("report");
    }

    /** The Bundle, after asserting that HAPI's validator finds no error in it (base R4 profiles). */
    private static Bundle valid(String json) {
        ValidationResult result = validator.validateWithResult(json);
        String errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).collect(Collectors.joining("\n"));
        assertThat(errors).as("validation errors").isEmpty();
        return Fhir.strictParser().parseResource(Bundle.class, json);
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static <T extends Resource> T only(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static int entryOf(Bundle bundle, Class<? extends Resource> type) {
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (type.isInstance(bundle.getEntry().get(i).getResource())) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }
}
