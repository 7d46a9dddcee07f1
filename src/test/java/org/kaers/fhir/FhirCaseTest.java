package org.kaers.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.kaers.fixtures.JsonAssertions.assertJsonEquals;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import org.kaers.report.ReportExamples;

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

    /**
     * The documented poison-centre case (every poison-centre block, a death, vital signs, toxicology, history), with
     * the fields it leaves out that the FHIR mapping must also carry: initials, contact, weight, narrative, and the
     * suspect product's dosing, channel, labelled 7-OH, reason and action.
     */
    private static ObjectNode poisonCentreDeath() {
        ObjectNode r = CaseReports.parse(ReportExamples.POISON_CENTRE_REPORT);
        r.with("reporter").put("contact", "+1 555 0199");
        r.with("patient").put("initials", "RK").put("weightKg", 70.25);
        r.put("narrative", "Found unresponsive at home.");
        CaseReports.product(r, 0)
                .put("dosesPerDay", 1.5)
                .put("purchaseChannel", "ONLINE")
                .put("sevenOhMgPerServing", 30)
                .put("reasonForUse", "PAIN")
                .put("actionTaken", "DRUG_WITHDRAWN");
        return r;
    }

    @BeforeAll
    static void validator() {
        // its own context, so that the R4 definitions the validator loads are garbage once the class is done
        var ctx = ca.uhn.fhir.context.FhirContext.forR4();
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx),
                new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx),
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
        given().contentType(ContentType.JSON)
                .body("""
                {"productIndex": 0, "reactionIndex": 0, "whoUmc": "PROBABLE"}""")
                .post("/api/v1/reports/" + caseNumber + "/causality")
                .then()
                .statusCode(201);
        String body = given().accept(FHIR)
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .contentType(containsString(FHIR))
                .header("ETag", "\"1\"")
                .extract()
                .asString();
        Bundle bundle = valid(body);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getIdentifier().getValue()).isEqualTo(caseNumber + "/1");
        AdverseEvent event = only(bundle, AdverseEvent.class);
        assertThat(event.getIdentifier().getValue()).isEqualTo(caseNumber);
        assertThat(event.getSeriousness().getCodingFirstRep().getCode()).isEqualTo("Serious");
        assertThat(event.getExtensionsByUrl(Fhir.ext("seriousness-criterion")).stream()
                        .map(e -> e.getValue().primitiveValue())
                        .toList())
                .containsExactly("HOSPITALIZATION", "OTHER_MEDICALLY_IMPORTANT");
        assertThat(event.getSuspectEntity()).hasSize(1);
        var causality = event.getSuspectEntityFirstRep().getCausalityFirstRep();
        assertThat(causality.getAssessment().getCoding())
                .extracting(c -> c.getCode())
                .contains("Probably-Likely", "PROBABLE");
        assertThat(causality.getProductRelatedness()).isEqualTo("reaction 0: yellow skin and itching");
        Patient patient = only(bundle, Patient.class);
        assertThat(patient.getGender().toCode()).isEqualTo("male");
        assertThat(patient.getNameFirstRep().getText()).isEqualTo("JD");
        assertThat(all(bundle, Condition.class))
                .extracting(c -> c.getCode().getText())
                .containsExactly("yellow skin and itching", "dark urine");
        assertThat(all(bundle, MedicationStatement.class)).hasSize(2);
        assertThat(all(bundle, Observation.class))
                .extracting(o -> o.getCode().getCodingFirstRep().getCode())
                .containsExactly("ALT", "ALP", "TOTAL_BILIRUBIN", "29463-7");
        assertThat(only(bundle, Organization.class).getName()).isEqualTo("County General");

        // the same version exported twice is the same Bundle (name-based ids)
        assertThat(given().accept(FHIR)
                        .get("/api/v1/fhir/cases/" + caseNumber + "/versions/1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .isEqualTo(body);
    }

    @Test
    void roundTripGivesTheSameClinicalContent() {
        for (ObjectNode report : List.of(CaseReports.liverInjury(), poisonCentreDeath(), CaseReports.minimal())) {
            String original = CaseReports.submit(report);
            String exported = given().accept(FHIR)
                    .get("/api/v1/fhir/cases/" + original)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            valid(exported);
            String copy = given().contentType(FHIR)
                    .accept(FHIR)
                    .body(exported)
                    .post("/api/v1/fhir/cases")
                    .then()
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/fhir/cases/"))
                    .extract()
                    .header("Location")
                    .replaceAll(".*/", "");
            assertThat(copy).isNotEqualTo(original);
            assertJsonEquals(reportOf(original), reportOf(copy));
            String again = given().accept(FHIR)
                    .get("/api/v1/fhir/cases/" + copy)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            valid(again);
            assertThat(again.replace(copy, "#")
                            .replaceAll("urn:uuid:[0-9a-f-]+|\"id\":\"[0-9a-f-]+\"", "")
                            .replaceAll("\"(timestamp|recordedDate)\":\"[^\"]+\"", ""))
                    .isEqualTo(exported.replace(original, "#")
                            .replaceAll("urn:uuid:[0-9a-f-]+|\"id\":\"[0-9a-f-]+\"", "")
                            .replaceAll("\"(timestamp|recordedDate)\":\"[^\"]+\"", ""));
        }
    }

    @Test
    void everyVersionIsExportedAndANullifiedCaseIsEnteredInError() {
        String caseNumber = CaseReports.submit(CaseReports.minimal());
        ObjectNode followUp = CaseReports.minimal();
        CaseReports.reaction(followUp, 0).put("outcome", "RECOVERED");
        given().contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(followUp.toString())
                .post("/api/v1/reports/" + caseNumber + "/follow-ups")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"reason\": \"REPORTED_IN_ERROR\"}")
                .post("/api/v1/reports/" + caseNumber + "/nullification")
                .then()
                .statusCode(200);
        Bundle first = valid(given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/1")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .extract()
                .asString());
        Bundle latest = valid(given().get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .extract()
                .asString());
        assertThat(only(first, Condition.class)
                        .getExtensionByUrl(Fhir.ext("reaction-outcome"))
                        .getValue()
                        .primitiveValue())
                .isEqualTo("UNKNOWN");
        Condition reaction = only(latest, Condition.class);
        assertThat(reaction.getExtensionByUrl(Fhir.ext("reaction-outcome"))
                        .getValue()
                        .primitiveValue())
                .isEqualTo("RECOVERED");
        assertThat(reaction.getVerificationStatus().getCodingFirstRep().getCode())
                .isEqualTo("entered-in-error");
        assertThat(only(latest, AdverseEvent.class)
                        .getExtensionByUrl(Fhir.R5_STATUS)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("entered-in-error");
        assertThat(only(latest, MedicationStatement.class).getStatus().toCode()).isEqualTo("entered-in-error");

        String nullified =
                given().get("/api/v1/fhir/cases/" + caseNumber).then().extract().asString();
        given().contentType(FHIR)
                .body(nullified)
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Bundle.entry[0].resource.extension"));
        given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/3").then().statusCode(404);
        given().get("/api/v1/fhir/cases/" + caseNumber + "/versions/zero")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("version"));
    }

    @Test
    void accessIsTheCaseReadsAndReportersGetNoCausality() {
        String mine = Tokens.of("fhir-reporter@test", "REPORTER");
        String caseNumber = CaseReports.submit(CaseReports.liverInjury(), mine);
        given().contentType(ContentType.JSON)
                .body("""
                {"productIndex": 0, "reactionIndex": 1, "whoUmc": "POSSIBLE"}""")
                .post("/api/v1/reports/" + caseNumber + "/causality")
                .then()
                .statusCode(201);
        Bundle own = valid(given().header("Authorization", Tokens.bearer(mine))
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(only(own, AdverseEvent.class).getSuspectEntityFirstRep().getCausality())
                .isEmpty();
        given().header("Authorization", Tokens.bearer(Tokens.of("other@test", "REPORTER")))
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(404);
        given().header("Authorization", Tokens.bearer(Tokens.of("researcher@test", "RESEARCHER")))
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(403);
        Bundle reviewed = valid(given().header("Authorization", Tokens.bearer(Tokens.of("rev@test", "REVIEWER")))
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(only(reviewed, AdverseEvent.class).getSuspectEntityFirstRep().getCausality())
                .hasSize(1);
    }

    @Test
    void vitalSignsAreFhirVitalSignsObservations() {
        String caseNumber = CaseReports.submit(poisonCentreDeath());
        Bundle bundle = valid(given().accept(FHIR)
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(only(bundle, AdverseEvent.class).getExtensionByUrl(Fhir.ext("vital-signs")))
                .isNull();
        java.util.Map<String, Observation> byLoinc = new java.util.HashMap<>();
        for (Observation o : all(bundle, Observation.class)) {
            o.getCode().getCoding().stream()
                    .filter(c -> c.getSystem().equals("http://loinc.org"))
                    .forEach(c -> byLoinc.put(c.getCode(), o));
        }
        // LOINC code -> UCUM code and value (blood pressure: its components)
        java.util.Map<String, String> expected = java.util.Map.of(
                "9279-1", "/min 4", "2708-6", "% 71", "8867-4", "/min 48", "8310-5", "Cel 35.9", "29463-7", "kg 70.25");
        expected.forEach((loinc, value) -> {
            Observation o = byLoinc.get(loinc);
            assertThat(o).as(loinc).isNotNull();
            assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
            assertThat(o.getMeta().getProfile())
                    .extracting(p -> p.getValue())
                    .containsExactly("http://hl7.org/fhir/StructureDefinition/vitalsigns");
            assertThat(o.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
            assertThat(o.getValueQuantity().getCode() + " "
                            + o.getValueQuantity().getValue().toPlainString())
                    .isEqualTo(value);
            assertThat(o.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-02");
            assertThat(o.getSubject().getReference())
                    .isEqualTo(bundle.getEntry()
                            .get(entryOf(bundle, Patient.class))
                            .getFullUrl());
        });
        Observation bp = byLoinc.get("85354-9");
        assertThat(bp.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
        assertThat(bp.hasValue()).isFalse();
        assertThat(bp.getComponent())
                .extracting(c -> c.getCode().getCodingFirstRep().getCode() + " "
                        + c.getValueQuantity().getValue() + " "
                        + c.getValueQuantity().getCode())
                .containsExactly("8480-6 84 mm[Hg]", "8462-4 50 mm[Hg]");
        Observation gcs = byLoinc.get("9269-2");
        assertThat(gcs.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
        assertThat(gcs.getValueIntegerType().getValue()).isEqualTo(5);
        // each vital-signs Observation on its own against its declared profile (vitalsigns): zero errors
        for (Observation o : byLoinc.values()) {
            valid(Fhir.writer().encodeResourceToString(o), Observation.class);
        }
        // a vital sign in another unit is refused, naming the element
        Observation rate = byLoinc.get("8867-4");
        rate.getValueQuantity().setCode("/h");
        int entry = bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList()
                .indexOf(rate);
        given().contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(bundle))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("Bundle.entry[" + entry + "].resource.valueQuantity"))
                .body("violations[0].message", containsString("/min"));
    }

    @Test
    void causalityInABundleIsAReviewersAssessmentAndAReportersIs400() {
        String caseNumber = CaseReports.submit(CaseReports.liverInjury());
        given().contentType(ContentType.JSON)
                .body("""
                {"productIndex": 0, "reactionIndex": 1, "whoUmc": "PROBABLE", "comment": "dechallenge positive"}""")
                .post("/api/v1/reports/" + caseNumber + "/causality")
                .then()
                .statusCode(201);
        String exported = given().accept(FHIR)
                .get("/api/v1/fhir/cases/" + caseNumber)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String reviewer = Tokens.bearer(Tokens.of("fhir-reviewer@test", "REVIEWER"));
        String copy = given().header("Authorization", reviewer)
                .contentType(FHIR)
                .body(exported)
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(201)
                .extract()
                .header("Location")
                .replaceAll(".*/", "");
        given().get("/api/v1/reports/" + copy + "/causality")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].productIndex", equalTo(0))
                .body("[0].reactionIndex", equalTo(1))
                .body("[0].whoUmc", equalTo("PROBABLE"))
                .body("[0].assessor", equalTo("fhir-reviewer@test"))
                .body("[0].comment", equalTo("WHO-UMC PROBABLE"));
        String again = given().accept(FHIR)
                .get("/api/v1/fhir/cases/" + copy)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        valid(again);
        assertThat(only(Fhir.strictParser().parseResource(Bundle.class, again), AdverseEvent.class)
                        .getSuspectEntityFirstRep()
                        .getCausalityFirstRep()
                        .getProductRelatedness())
                .isEqualTo("reaction 1: dark urine");

        // a reporter may not assess: 400 naming the element, and no case is stored
        String reporter = Tokens.bearer(Tokens.of("fhir-causality-reporter@test", "REPORTER"));
        given().header("Authorization", reporter)
                .contentType(FHIR)
                .body(exported)
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Bundle.entry[0].resource.suspectEntity[0].causality[0]"))
                .body("violations[0].message", containsString("REVIEWER"));
        given().header("Authorization", reporter)
                .get("/api/v1/reports")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(0));

        // a reaction the assessment cannot be tied to, and a category that is not WHO-UMC's
        Bundle unnamed = Fhir.strictParser().parseResource(Bundle.class, exported);
        only(unnamed, AdverseEvent.class)
                .getSuspectEntityFirstRep()
                .getCausalityFirstRep()
                .setProductRelatedness("reaction 9");
        given().header("Authorization", reviewer)
                .contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(unnamed))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].field",
                        equalTo("Bundle.entry[0].resource.suspectEntity[0].causality[0].productRelatedness"));
        Bundle uncoded = Fhir.strictParser().parseResource(Bundle.class, exported);
        only(uncoded, AdverseEvent.class)
                .getSuspectEntityFirstRep()
                .getCausalityFirstRep()
                .getAssessment()
                .getCoding()
                .clear();
        given().header("Authorization", reviewer)
                .contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(uncoded))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].field",
                        equalTo("Bundle.entry[0].resource.suspectEntity[0].causality[0].assessment"));
    }

    @Test
    void badBundlesAre400sNamingTheFhirElement() {
        given().contentType(FHIR)
                .body("{not json")
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("Bundle"));
        given().contentType(FHIR)
                .body("{\"resourceType\": \"Patient\"}")
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("Bundle"));
        given().contentType(FHIR)
                .body("{\"resourceType\": \"Bundle\", \"type\": \"collection\"}")
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("Bundle.entry"));
        given().contentType(FHIR)
                .body("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"bogus\": 1}")
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("Bundle"))
                .body("violations[0].message", containsString("bogus"));
        given().contentType("text/plain")
                .body("x")
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(415);

        String exported = given().get("/api/v1/fhir/cases/" + CaseReports.submit(CaseReports.liverInjury()))
                .then()
                .extract()
                .asString();
        // the first reaction without its text: the rule of reactions[0].verbatim, named by the Condition's element
        Bundle noText = Fhir.strictParser().parseResource(Bundle.class, exported);
        int conditionEntry = entryOf(noText, Condition.class);
        ((Condition) noText.getEntry().get(conditionEntry).getResource())
                .getCode()
                .setText(null);
        given().contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(noText))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("Bundle.entry[" + conditionEntry + "].resource.code.text"))
                .body("violations.message", hasItem(containsString("reactions[0].verbatim")));
        // an outcome code KAERS does not know
        Bundle badOutcome = Fhir.strictParser().parseResource(Bundle.class, exported);
        ((Condition) badOutcome.getEntry().get(conditionEntry).getResource())
                .getExtensionByUrl(Fhir.ext("reaction-outcome"))
                .setValue(new org.hl7.fhir.r4.model.CodeType("BETTER"));
        given().contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(badOutcome))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body(
                        "violations[0].field",
                        equalTo("Bundle.entry[" + conditionEntry + "].resource.extension[reaction-outcome]"))
                .body("violations[0].message", containsString("RECOVERED"));
        // a cross-field rule of the submission (stop before start) comes back on the MedicationStatement
        Bundle stopFirst = Fhir.strictParser().parseResource(Bundle.class, exported);
        int statement = entryOf(stopFirst, MedicationStatement.class);
        ((org.hl7.fhir.r4.model.Period) ((MedicationStatement)
                                stopFirst.getEntry().get(statement).getResource())
                        .getEffective())
                .setEndElement(new org.hl7.fhir.r4.model.DateTimeType("2025-01-01"));
        given().contentType(FHIR)
                .body(Fhir.writer().encodeResourceToString(stopFirst))
                .post("/api/v1/fhir/cases")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("Bundle.entry[" + statement + "].resource.effectivePeriod.end"));
    }

    private static JsonNode reportOf(String caseNumber) {
        return CaseReports.parse(given().get("/api/v1/reports/" + caseNumber)
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("report");
    }

    /** The Bundle, after asserting that HAPI's validator finds no error in it (base R4 profiles). */
    private static Bundle valid(String json) {
        return valid(json, Bundle.class);
    }

    /** The resource, after asserting that HAPI's validator finds no error in it (base R4 and declared profiles). */
    private static <T extends Resource> T valid(String json, Class<T> type) {
        ValidationResult result = validator.validateWithResult(json);
        String errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .collect(Collectors.joining("\n"));
        assertThat(errors).as("validation errors").isEmpty();
        return Fhir.strictParser().parseResource(type, json);
    }

    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
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
