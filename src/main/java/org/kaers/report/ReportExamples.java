package org.kaers.report;

/**
 * Example documents for the OpenAPI description (kept valid by ReportResourceTest, which submits them); the case
 * reports are public so that other features' tests (FHIR) start from the same documented cases.
 */
public final class ReportExamples {

    private ReportExamples() {}

    /** What a poison centre records: a fatal respiratory depression after 7-OH tablets and counterfeit alprazolam. */
    public static final String POISON_CENTRE_REPORT = """
            {
              "reporter": {"qualification": "PHARMACIST", "country": "US", "organisation": "Regional Poison Center"},
              "patient": {"age": {"value": 27, "unit": "YEAR"}, "sex": "MALE",
                          "history": ["OPIOID_USE_DISORDER", "PRIOR_KRATOM_USE"]},
              "products": [
                {"role": "SUSPECT", "name": "7-OH tablets 30 mg", "vendor": "Seven Labs", "form": "TABLET",
                 "lotNumber": "7L-0925", "doseAmount": 3, "doseUnit": "TABLET", "route": "ORAL",
                 "startDate": "2026-11-02", "stopDate": "2026-11-02"},
                {"role": "INTERACTING", "name": "alprazolam (counterfeit bar)", "doseAmount": 2, "doseUnit": "TABLET",
                 "startDate": "2026-11-02", "stopDate": "2026-11-02"}
              ],
              "reactions": [
                {"verbatim": "respiratory depression", "onsetDate": "2026-11-02", "outcome": "FATAL"}
              ],
              "seriousnessCriteria": ["DEATH"],
              "dateOfDeath": "2026-11-03",
              "centreReference": "RPC-2026-004417",
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
                {"analyte": "FENTANYL", "specimen": "POST_MORTEM_BLOOD", "detected": true, "value": 4.1, "unit": "ng/mL",
                 "method": "CONFIRMED"}
              ],
              "labs": [{"testCode": "LACTATE", "value": 6.8, "unit": "mmol/L", "date": "2026-11-02"}]
            }""";

    public static final String CASE_REPORT = """
            {
              "reporter": {"qualification": "PHYSICIAN", "country": "US", "organisation": "County General Hospital",
                           "contact": "hepatology desk, +1 555 0100"},
              "patient": {"initials": "JD", "age": {"value": 34, "unit": "YEAR"}, "sex": "MALE", "weightKg": 82.5,
                          "pregnant": false},
              "products": [
                {"role": "SUSPECT", "name": "Maeng Da Kratom Powder", "vendor": "Acme Botanicals", "form": "POWDER",
                 "strain": "Red Bali", "lotNumber": "L2026-01", "purchaseChannel": "SMOKE_SHOP", "doseAmount": 5,
                 "doseUnit": "GRAM", "dosesPerDay": 3, "route": "ORAL", "startDate": "2026-01-10",
                 "stopDate": "2026-02-20", "reasonForUse": "PAIN", "actionTaken": "DRUG_WITHDRAWN",
                 "dechallenge": "POSITIVE", "rechallenge": "NOT_DONE"},
                {"role": "CONCOMITANT", "name": "alcohol", "route": "ORAL"}
              ],
              "reactions": [
                {"verbatim": "yellow skin and itching", "onsetDate": "2026-02-14", "outcome": "RECOVERING"},
                {"verbatim": "dark urine", "onsetDate": "2026-02-12", "outcome": "RECOVERED"}
              ],
              "seriousnessCriteria": ["HOSPITALIZATION"],
              "labs": [
                {"testCode": "ALT", "value": 1250, "unit": "U/L", "upperLimitOfNormal": 40, "date": "2026-02-16"},
                {"testCode": "ALP", "value": 200, "unit": "U/L", "upperLimitOfNormal": 120, "date": "2026-02-16"},
                {"testCode": "TOTAL_BILIRUBIN", "value": 6.2, "unit": "mg/dL", "upperLimitOfNormal": 1.2, "date": "2026-02-16"}
              ],
              "narrative": "34-year-old man using kratom powder daily for back pain presented with jaundice."
            }""";

    /** The case list as CSV (lists |-separated; the data version last). */
    static final String CASE_LIST_CSV =
            "caseNumber,latestVersion,status,source,receivedAt,updatedAt,serious,seriousnessCriteria,"
                    + "reporterQualification,reporterCountry,ageGroup,sex,suspectProducts,reactions,data_version\n"
                    + "KAE-2026-000123,2,ACTIVE,DIRECT,2026-03-14T09:21:07Z,2026-03-20T16:02:44Z,true,HOSPITALIZATION,PHYSICIAN,US,"
                    + "ADULT,FEMALE,Maeng Da kratom powder,jaundice|nausea,1873\n";

    static final String CASE_VIEW = """
            {
              "caseNumber": "KAE-2026-000123", "version": 1, "versionType": "INITIAL", "latestVersion": 1,
              "status": "ACTIVE", "source": "DIRECT", "receivedAt": "2026-02-17T09:30:00.123456Z",
              "versionReceivedAt": "2026-02-17T09:30:00.123456Z",
              "derived": {"serious": true, "ageGroup": "ADULT",
                          "liverInjury": {"rRatio": 18.75, "pattern": "HEPATOCELLULAR", "hysLaw": true},
                          "reactions": [{"index": 0, "verbatim": "yellow skin and itching", "timeToOnsetDays": 35},
                                        {"index": 1, "verbatim": "dark urine", "timeToOnsetDays": 33}]},
              "report": {"reporter": {"qualification": "PHYSICIAN", "country": "US"},
                         "patient": {"age": {"value": 34, "unit": "YEAR"}, "sex": "MALE"},
                         "products": [{"role": "SUSPECT", "name": "Maeng Da Kratom Powder", "form": "POWDER",
                                       "startDate": "2026-01-10"}],
                         "reactions": [{"verbatim": "yellow skin and itching", "onsetDate": "2026-02-14",
                                        "outcome": "RECOVERING"}],
                         "seriousnessCriteria": ["HOSPITALIZATION"], "labs": []}
            }""";

    static final String VALIDATION_PROBLEM = """
            {
              "type": "urn:kaers:problem:validation", "title": "Invalid request", "status": 400,
              "detail": "2 fields are invalid", "instance": "urn:uuid:4f0e2d7c-8a43-4b52-9f0c-0d5e3b9f0a11",
              "violations": [
                {"field": "products", "in": "body", "message": "at least one product must have role SUSPECT or INTERACTING"},
                {"field": "products[0].stopDate", "in": "body", "message": "must not be before startDate"}
              ]
            }""";

    static final String NOT_FOUND_PROBLEM = """
            {"type": "urn:kaers:problem:not-found", "title": "Not found", "status": 404,
             "detail": "no case has this number", "instance": "urn:uuid:0b7e5e0a-3f7c-4d55-a1b2-0f6a9d2c1e77"}""";

    static final String PRECONDITION_FAILED_PROBLEM = """
            {"type": "urn:kaers:problem:precondition-failed", "title": "Precondition failed", "status": 412,
             "detail": "the case has changed: its current version is 3; read it and try again",
             "instance": "urn:uuid:9d1c7f3a-5b2e-4c8d-8e6f-1a2b3c4d5e6f"}""";

    static final String PRECONDITION_REQUIRED_PROBLEM = """
            {"type": "urn:kaers:problem:precondition-required", "title": "Precondition required", "status": 428,
             "detail": "send If-Match with the ETag of the version you last read, e.g. If-Match: \\"1\\"",
             "instance": "urn:uuid:2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d"}""";

    static final String NULLIFIED_PROBLEM = """
            {"type": "urn:kaers:problem:already-nullified", "title": "Case is nullified", "status": 409,
             "detail": "case KAE-2026-000123 was already nullified; nullification cannot be undone or repeated",
             "instance": "urn:uuid:7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"}""";

    static final String IDEMPOTENCY_PROBLEM = """
            {"type": "urn:kaers:problem:idempotency-key-reused",
             "title": "Idempotency key reused with a different request", "status": 422,
             "detail": "this Idempotency-Key was already used for a different request; use a new key",
             "instance": "urn:uuid:3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
             "violations": [{"field": "Idempotency-Key", "in": "header", "message": "already used for a different request"}]}""";

    static final String NULLIFICATION = """
            {"reason": "DUPLICATE", "comment": "Same patient and event as the surviving case.",
             "duplicateOf": "KAE-2026-000042"}""";

    static final String DRAFT = """
            {"patient": {"age": {"value": 52, "unit": "YEAR"}},
             "products": [{"role": "SUSPECT", "name": "Maeng Da kratom powder", "startDate": "2026-09-01"}],
             "reactions": [{"verbatim": "jaundice", "onsetDate": "2026-09-20"}],
             "labs": [{"testCode": "ALT", "value": 1250, "upperLimitOfNormal": 40},
                      {"testCode": "ALP", "value": 125, "upperLimitOfNormal": 120},
                      {"testCode": "TOTAL_BILIRUBIN", "value": 4.8, "upperLimitOfNormal": 1.2}]}""";

    static final String DERIVED_PREVIEW = """
            {"serious": false, "ageGroup": "ADULT",
             "liverInjury": {"rRatio": 30.000, "pattern": "HEPATOCELLULAR", "hysLaw": true},
             "reactions": [{"index": 0, "timeToOnsetDays": 19}]}""";

    static final String DRAFT_PROBLEM = """
            {"type": "urn:kaers:problem:validation", "title": "Invalid request", "status": 400,
             "detail": "labs[0].upperLimitOfNormal: must be greater than 0",
             "instance": "urn:uuid:3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
             "violations": [{"field": "labs[0].upperLimitOfNormal", "in": "body", "message": "must be greater than 0"}]}""";
}
