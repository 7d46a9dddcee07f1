package org.kaers.fhir;

/** OpenAPI examples of the FHIR operations. */
final class FhirExamples {

    private FhirExamples() {}

    static final String BUNDLE = """
            {"resourceType":"Bundle","type":"collection","entry":[
             {"fullUrl":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000001","resource":{"resourceType":"AdverseEvent",
              "id":"0c0b5f0e-0000-3000-8000-000000000001","actuality":"actual",
              "seriousness":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adverse-event-seriousness","code":"Serious"}]},
              "extension":[{"url":"https://kaers.org/fhir/StructureDefinition/seriousness-criterion","valueCode":"HOSPITALIZATION"}],
              "subject":{"reference":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000002"},
              "recorder":{"reference":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000003"},
              "resultingCondition":[{"reference":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000005"}],
              "suspectEntity":[{"instance":{"reference":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000006"}}]}},
             {"fullUrl":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000002","resource":{"resourceType":"Patient",
              "id":"0c0b5f0e-0000-3000-8000-000000000002","gender":"male",
              "extension":[{"url":"https://kaers.org/fhir/StructureDefinition/age-at-onset","valueQuantity":{"value":34,"system":"https://kaers.org/fhir/CodeSystem/age-unit","code":"YEAR"}}]}},
             {"fullUrl":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000003","resource":{"resourceType":"PractitionerRole",
              "id":"0c0b5f0e-0000-3000-8000-000000000003",
              "code":[{"coding":[{"system":"https://kaers.org/fhir/CodeSystem/reporter-qualification","code":"PHYSICIAN"}]}]}},
             {"fullUrl":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000005","resource":{"resourceType":"Condition",
              "id":"0c0b5f0e-0000-3000-8000-000000000005","code":{"text":"yellow skin and itching"},"onsetDateTime":"2026-02-14",
              "subject":{"reference":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000002"},
              "extension":[{"url":"https://kaers.org/fhir/StructureDefinition/reaction-outcome","valueCode":"RECOVERING"}]}},
             {"fullUrl":"urn:uuid:0c0b5f0e-0000-3000-8000-000000000006","resource":{"resourceType":"Medication",
              "id":"0c0b5f0e-0000-3000-8000-000000000006","code":{"text":"Maeng Da Kratom Powder"}}}]}
            """;

    static final String PROBLEM = """
            {"type":"https://kaers.org/problems/validation","title":"Invalid request","status":400,
             "detail":"Bundle.entry[3].resource.code.text: must not be blank (case report field reactions[0].verbatim)",
             "violations":[{"field":"Bundle.entry[3].resource.code.text","in":"body",
              "message":"must not be blank (case report field reactions[0].verbatim)"}]}
            """;
}
