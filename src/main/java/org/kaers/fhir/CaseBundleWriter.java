package org.kaers.fhir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Substance;
import org.kaers.causality.model.CausalityView;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.LabTest;
import org.kaers.report.model.Toxicology;

/**
 * One version of a case as a FHIR R4 Bundle (type collection): AdverseEvent (seriousness, criteria, the suspect
 * products with their causality), Patient, per product a Medication (name, form, lot, labelled contents; its
 * coded substance as a Substance) and a MedicationStatement (role, dose, route, dates), per reaction a Condition,
 * per lab and toxicology result an Observation, the patient's weight as an Observation, and the reporter as
 * Practitioner, PractitionerRole and Organization. Resource ids are name-based UUIDs of case, version and
 * position, so exporting the same version twice gives the same Bundle. A nullified case: every resource
 * entered-in-error.
 */
final class CaseBundleWriter {

    /** What of the case the caller may receive. */
    record Audience(boolean identifying, boolean causality) {}

    private final RecordExtensions records;
    private final CaseReportView view;
    private final Audience audience;
    private final boolean voided;
    private final Bundle bundle = new Bundle();

    private CaseBundleWriter(RecordExtensions records, CaseReportView view, Audience audience) {
        this.records = records;
        this.view = view;
        this.audience = audience;
        this.voided = view.status() == CaseStatus.NULLIFIED;
    }

    static Bundle write(
            RecordExtensions records, CaseReportView view, List<CausalityView> causality, Audience audience) {
        return new CaseBundleWriter(records, view, audience).bundle(causality);
    }

    private Bundle bundle(List<CausalityView> causality) {
        CaseReportRequest report = view.report();
        bundle.setId(uuid("Bundle", 0));
        bundle.setType(Bundle.BundleType.COLLECTION);
        bundle.setIdentifier(new Identifier()
                .setSystem(Fhir.CASE_VERSION_SYSTEM)
                .setValue(view.caseNumber() + "/" + view.version()));
        bundle.setTimestamp(Date.from(view.versionReceivedAt()));
        bundle.getMeta().setVersionId(String.valueOf(view.version()));

        AdverseEvent event = new AdverseEvent();
        add(event, "AdverseEvent", 0);
        Patient patient = patient(report.patient(), report.dateOfDeath());
        Reference subject = ref(patient);
        event.setSubject(subject);
        event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL);
        event.setIdentifier(new Identifier().setSystem(Fhir.CASE_NUMBER_SYSTEM).setValue(view.caseNumber()));
        event.getMeta().setVersionId(String.valueOf(view.version()));
        event.setRecordedDateElement(new DateTimeType(Date.from(view.receivedAt())));
        if (voided) {
            event.addExtension(new Extension(Fhir.R5_STATUS, new CodeType("entered-in-error")));
        }
        boolean serious = view.derived().serious();
        event.setSeriousness(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness",
                serious ? "Serious" : "Non-serious",
                serious ? "Serious" : "Non-serious")));
        if (report.seriousnessCriteria() != null) {
            report.seriousnessCriteria()
                    .forEach(c -> event.addExtension(
                            Fhir.ext("seriousness-criterion"),
                            code(org.kaers.report.model.SeriousnessCriterion.class, c)));
        }
        if (audience.identifying() && report.narrative() != null) {
            event.addExtension(Fhir.ext("narrative"), new StringType(report.narrative()));
        }
        if (report.centreReference() != null) {
            event.addExtension(Fhir.ext("centre-reference"), new StringType(report.centreReference()));
        }
        addRecord(event, "exposure", report.exposure());
        addRecord(event, "care", report.care());
        reporter(event, report.reporter());

        List<Reference> reactions = new ArrayList<>();
        for (int i = 0; i < report.reactions().size(); i++) {
            Condition c = reaction(report.reactions().get(i), i, subject);
            reactions.add(ref(c));
            event.addResultingCondition(ref(c));
        }
        if (!report.reactions().isEmpty()) {
            event.setEvent(
                    new CodeableConcept().setText(report.reactions().get(0).verbatim()));
        }
        for (int i = 0; i < report.products().size(); i++) {
            CaseReportRequest.Product p = report.products().get(i);
            Medication m = medication(p, i);
            MedicationStatement s = statement(p, i, m, subject);
            if (p.role() != org.kaers.report.model.ProductRole.CONCOMITANT) {
                AdverseEvent.AdverseEventSuspectEntityComponent suspect =
                        event.addSuspectEntity().setInstance(ref(m));
                suspect.addExtension(Fhir.ext("statement"), ref(s));
                if (audience.causality()) {
                    causality(suspect, causality, i);
                }
            }
        }
        if (report.labs() != null) {
            for (int i = 0; i < report.labs().size(); i++) {
                lab(report.labs().get(i), i, subject);
            }
        }
        if (report.toxicology() != null) {
            for (int i = 0; i < report.toxicology().size(); i++) {
                toxicology(report.toxicology().get(i), i, subject);
            }
        }
        if (report.patient().weightKg() != null) {
            vital(VitalSign.BODY_WEIGHT, subject, report)
                    .setValue(VitalSign.BODY_WEIGHT.quantity(report.patient().weightKg()));
        }
        vitalSigns(report, subject);
        return bundle;
    }

    private Patient patient(CaseReportRequest.Patient p, java.time.LocalDate dateOfDeath) {
        Patient patient = new Patient();
        add(patient, "Patient", 0);
        if (audience.identifying() && p.initials() != null) {
            patient.addName().setText(p.initials());
        }
        if (p.sex() != null) {
            patient.setGender(
                    switch (p.sex()) {
                        case FEMALE -> Enumerations.AdministrativeGender.FEMALE;
                        case MALE -> Enumerations.AdministrativeGender.MALE;
                        case UNKNOWN -> Enumerations.AdministrativeGender.UNKNOWN;
                    });
        }
        if (dateOfDeath != null) {
            patient.setDeceased(new DateTimeType(dateOfDeath.toString()));
        }
        if (p.age() != null) {
            patient.addExtension(
                    Fhir.ext("age-at-onset"),
                    new Quantity()
                            .setValue(p.age().value())
                            .setUnit(p.age().unit().name().toLowerCase(java.util.Locale.ROOT))
                            .setSystem(Fhir.cs(org.kaers.report.model.AgeUnit.class))
                            .setCode(p.age().unit().name()));
        }
        if (p.ageGroup() != null) {
            patient.addExtension(Fhir.ext("age-group"), code(org.kaers.report.model.AgeGroup.class, p.ageGroup()));
        }
        if (p.pregnant() != null) {
            patient.addExtension(Fhir.ext("pregnant"), new org.hl7.fhir.r4.model.BooleanType(p.pregnant()));
        }
        if (p.history() != null) {
            p.history()
                    .forEach(h -> patient.addExtension(
                            Fhir.ext("history"), code(org.kaers.report.model.PatientHistory.class, h)));
        }
        return patient;
    }

    private void reporter(AdverseEvent event, CaseReportRequest.Reporter r) {
        Practitioner practitioner = new Practitioner();
        add(practitioner, "Practitioner", 0);
        if (r.country() != null) {
            practitioner.addAddress().setCountry(r.country());
        }
        if (audience.identifying() && r.contact() != null) {
            practitioner
                    .addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.OTHER)
                    .setValue(r.contact());
        }
        PractitionerRole role = new PractitionerRole();
        add(role, "PractitionerRole", 0);
        role.setPractitioner(ref(practitioner));
        role.addCode(concept(org.kaers.report.model.ReporterQualification.class, r.qualification()));
        if (audience.identifying() && r.organisation() != null) {
            Organization organization = new Organization();
            add(organization, "Organization", 0);
            organization.setName(r.organisation());
            role.setOrganization(ref(organization));
        }
        event.setRecorder(ref(role));
    }

    private Condition reaction(CaseReportRequest.Reaction r, int i, Reference subject) {
        Condition c = new Condition();
        add(c, "Condition", i);
        c.setSubject(subject);
        CodeableConcept code = new CodeableConcept().setText(r.verbatim());
        var coding = view.derived().reactions().size() > i
                ? view.derived().reactions().get(i).coding()
                : null;
        if (coding != null && coding.termCode() != null) {
            code.addCoding(new Coding(Fhir.CS + "symptom-term", coding.termCode(), coding.preferredName()));
        }
        c.setCode(code);
        c.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category",
                "encounter-diagnosis",
                "Encounter Diagnosis")));
        if (r.onsetDate() != null) {
            c.setOnset(new DateTimeType(r.onsetDate().toString()));
        }
        c.addExtension(Fhir.ext("reaction-outcome"), code(org.kaers.report.model.ReactionOutcome.class, r.outcome()));
        if (voided) {
            c.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "entered-in-error",
                    "Entered in Error")));
        } else {
            String clinical = switch (r.outcome()) {
                case RECOVERED, RECOVERED_WITH_SEQUELAE -> "resolved";
                case RECOVERING -> "remission";
                case NOT_RECOVERED, FATAL -> "active";
                case UNKNOWN -> null;
            };
            if (clinical != null) {
                c.setClinicalStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
            }
        }
        return c;
    }

    private Medication medication(CaseReportRequest.Product p, int i) {
        Medication m = new Medication();
        add(m, "Medication", i);
        CodeableConcept code = new CodeableConcept().setText(p.name());
        var coding = view.derived().products().size() > i
                ? view.derived().products().get(i).coding()
                : null;
        if (coding != null && coding.productId() != null) {
            code.addCoding(new Coding(Fhir.CS + "product", String.valueOf(coding.productId()), coding.productName()));
        }
        m.setCode(code);
        if (coding != null && coding.substance() != null) {
            Substance s = new Substance();
            add(s, "Substance", i);
            s.setCode(new CodeableConcept(new Coding(Fhir.CS + "substance", coding.substance(), null))
                    .setText(coding.substance()));
            m.addIngredient().setItem(ref(s)).setIsActive(true);
        }
        if (p.form() != null) {
            m.setForm(concept(org.kaers.vocabulary.model.ProductForm.class, p.form()));
        }
        if (p.lotNumber() != null) {
            m.getBatch().setLotNumber(p.lotNumber());
        }
        labelled(m, "MITRAGYNINE", "mitragynine", p.mitragynineMgPerServing());
        labelled(m, "SEVEN_HYDROXYMITRAGYNINE", "7-hydroxymitragynine", p.sevenOhMgPerServing());
        if (p.vendor() != null) {
            m.addExtension(Fhir.ext("vendor"), new StringType(p.vendor()));
        }
        if (p.strain() != null) {
            m.addExtension(Fhir.ext("strain"), new StringType(p.strain()));
        }
        return m;
    }

    private static void labelled(Medication m, String code, String name, BigDecimal mgPerServing) {
        if (mgPerServing == null) {
            return;
        }
        m.addIngredient()
                .setItem(new CodeableConcept(new Coding(Fhir.CS + "labelled-alkaloid", code, name)))
                .setStrength(new Ratio()
                        .setNumerator(new Quantity()
                                .setValue(mgPerServing)
                                .setUnit("mg")
                                .setSystem(Fhir.UCUM)
                                .setCode("mg"))
                        .setDenominator(new Quantity().setValue(1).setUnit("serving")));
    }

    private MedicationStatement statement(CaseReportRequest.Product p, int i, Medication m, Reference subject) {
        MedicationStatement s = new MedicationStatement();
        add(s, "MedicationStatement", i);
        s.setStatus(
                voided
                        ? MedicationStatement.MedicationStatementStatus.ENTEREDINERROR
                        : p.stopDate() != null
                                ? MedicationStatement.MedicationStatementStatus.COMPLETED
                                : MedicationStatement.MedicationStatementStatus.UNKNOWN);
        s.setMedication(ref(m));
        s.setSubject(subject);
        s.addExtension(Fhir.ext("product-role"), code(org.kaers.report.model.ProductRole.class, p.role()));
        if (p.startDate() != null || p.stopDate() != null) {
            Period period = new Period();
            if (p.startDate() != null) {
                period.setStartElement(new DateTimeType(p.startDate().toString()));
            }
            if (p.stopDate() != null) {
                period.setEndElement(new DateTimeType(p.stopDate().toString()));
            }
            s.setEffective(period);
        }
        if (p.reasonForUse() != null) {
            s.addReasonCode(concept(org.kaers.report.model.ReasonForUse.class, p.reasonForUse()));
        }
        if (p.route() != null || p.doseAmount() != null || p.doseUnit() != null) {
            var dosage = s.addDosage();
            if (p.route() != null) {
                dosage.setRoute(concept(org.kaers.report.model.Route.class, p.route()));
            }
            if (p.doseAmount() != null || p.doseUnit() != null) {
                Quantity dose = new Quantity().setValue(p.doseAmount());
                if (p.doseUnit() != null) {
                    dose.setUnit(p.doseUnit().name().toLowerCase(java.util.Locale.ROOT))
                            .setSystem(Fhir.cs(org.kaers.report.model.DoseUnit.class))
                            .setCode(p.doseUnit().name());
                }
                dosage.addDoseAndRate().setDose(dose);
            }
        }
        if (p.dosesPerDay() != null) {
            s.addExtension(Fhir.ext("doses-per-day"), new org.hl7.fhir.r4.model.DecimalType(p.dosesPerDay()));
        }
        if (p.purchaseChannel() != null) {
            s.addExtension(
                    Fhir.ext("purchase-channel"),
                    code(org.kaers.report.model.PurchaseChannel.class, p.purchaseChannel()));
        }
        if (p.actionTaken() != null) {
            s.addExtension(Fhir.ext("action-taken"), code(org.kaers.report.model.ActionTaken.class, p.actionTaken()));
        }
        if (p.dechallenge() != null) {
            s.addExtension(
                    Fhir.ext("dechallenge"), code(org.kaers.report.model.ChallengeResult.class, p.dechallenge()));
        }
        if (p.rechallenge() != null) {
            s.addExtension(
                    Fhir.ext("rechallenge"), code(org.kaers.report.model.ChallengeResult.class, p.rechallenge()));
        }
        return s;
    }

    /** The current assessments of this product (WHO-UMC category; Naranjo and RUCAM scores as text). */
    private static void causality(
            AdverseEvent.AdverseEventSuspectEntityComponent suspect, List<CausalityView> all, int productIndex) {
        for (CausalityView a : all) {
            if (!a.current() || a.productIndex() != productIndex) {
                continue;
            }
            var c = suspect.addCausality();
            c.setProductRelatedness("reaction " + a.reactionIndex() + ": " + a.reactionVerbatim());
            CodeableConcept assessment = new CodeableConcept();
            if (a.whoUmc() != null) {
                assessment.addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess",
                        whoUmc(a.whoUmc()),
                        null));
                assessment.addCoding(new Coding(Fhir.CS + "who-umc", a.whoUmc().name(), null));
            }
            List<String> text = new ArrayList<>();
            if (a.whoUmc() != null) {
                text.add("WHO-UMC " + a.whoUmc());
            }
            if (a.naranjo() != null) {
                text.add("Naranjo " + a.naranjo().score() + " (" + a.naranjo().band() + ")");
            }
            if (a.rucam() != null && a.rucam().score() != null) {
                text.add("RUCAM " + a.rucam().score() + " (" + a.rucam().band() + ")");
            }
            assessment.setText(String.join("; ", text));
            c.setAssessment(assessment);
            c.setMethod(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/adverse-event-causality-method",
                    a.naranjo() != null || a.rucam() != null ? "ProbabilityScale" : "Checklist",
                    null)));
        }
    }

    /** HL7's adverse-event-causality-assess code of a WHO-UMC category (the reader maps it back). */
    static String whoUmc(org.kaers.causality.model.WhoUmcCategory category) {
        return switch (category) {
            case CERTAIN -> "Certain";
            case PROBABLE -> "Probably-Likely";
            case POSSIBLE -> "Possible";
            case UNLIKELY -> "Unlikely";
            case CONDITIONAL -> "Conditional-Classified";
            case UNASSESSABLE -> "Unassessable-Unclassifiable";
        };
    }

    /**
     * The vital signs at presentation as FHIR vital-signs Observations (profile vitalsigns: category vital-signs,
     * LOINC code, UCUM quantity, effective time): respiratory rate, SpO2, heart rate, temperature, and blood pressure
     * as the LOINC panel with its systolic and diastolic components; the Glasgow coma score (not a vital sign in FHIR)
     * as a survey Observation. KAERS records no time of measurement: effective is the day of onset (exposure onset,
     * else the earliest reaction onset), else the day the version was received.
     */
    private void vitalSigns(CaseReportRequest report, Reference subject) {
        org.kaers.report.model.VitalSigns v = report.vitalSigns();
        if (v == null) {
            return;
        }
        quantity(VitalSign.RESPIRATORY_RATE, v.respiratoryRate(), subject, report);
        quantity(VitalSign.OXYGEN_SATURATION, v.spo2(), subject, report);
        quantity(VitalSign.HEART_RATE, v.heartRate(), subject, report);
        quantity(VitalSign.BODY_TEMPERATURE, v.temperatureC(), subject, report);
        if (v.systolicBp() != null || v.diastolicBp() != null) {
            Observation bp = vital(VitalSign.BLOOD_PRESSURE, subject, report);
            for (VitalSign part : List.of(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC)) {
                Integer value = part == VitalSign.SYSTOLIC ? v.systolicBp() : v.diastolicBp();
                if (value != null) {
                    bp.addComponent().setCode(part.code()).setValue(part.quantity(java.math.BigDecimal.valueOf(value)));
                }
            }
        }
        if (v.gcs() != null) {
            vital(VitalSign.GLASGOW_COMA_SCORE, subject, report)
                    .setValue(new org.hl7.fhir.r4.model.IntegerType(v.gcs()));
        }
    }

    private void quantity(VitalSign sign, Number value, Reference subject, CaseReportRequest report) {
        if (value != null) {
            vital(sign, subject, report).setValue(sign.quantity(new java.math.BigDecimal(value.toString())));
        }
    }

    private Observation vital(VitalSign sign, Reference subject, CaseReportRequest report) {
        Observation o = observation(sign.name().toLowerCase(java.util.Locale.ROOT), 0, subject, sign.category());
        if (sign.vital()) {
            o.getMeta().addProfile(VitalSign.PROFILE);
        }
        o.setCode(sign.code());
        o.setEffective(new DateTimeType(effectiveDay(report)));
        return o;
    }

    private String effectiveDay(CaseReportRequest report) {
        if (report.exposure() != null && report.exposure().onsetAt() != null) {
            return report.exposure().onsetAt().substring(0, 10);
        }
        return report.reactions().stream()
                .map(CaseReportRequest.Reaction::onsetDate)
                .filter(java.util.Objects::nonNull)
                .min(java.util.Comparator.naturalOrder())
                .map(Object::toString)
                .orElse(view.versionReceivedAt()
                        .atOffset(java.time.ZoneOffset.UTC)
                        .toLocalDate()
                        .toString());
    }

    private void lab(CaseReportRequest.Lab l, int i, Reference subject) {
        Observation o = observation("lab", i, subject, "laboratory");
        CodeableConcept code = new CodeableConcept().addCoding(new Coding(Fhir.CS + "lab-test", l.testCode(), null));
        LabTest.byCode(l.testCode())
                .ifPresent(t -> code.addCoding(new Coding(Fhir.LOINC, t.loinc(), t.display()))
                        .setText(t.display()));
        o.setCode(code);
        o.setValue(new Quantity().setValue(l.value()).setUnit(l.unit()));
        if (l.upperLimitOfNormal() != null) {
            o.addReferenceRange()
                    .setHigh(new Quantity().setValue(l.upperLimitOfNormal()).setUnit(l.unit()));
        }
        if (l.date() != null) {
            o.setEffective(new DateTimeType(l.date().toString()));
        }
    }

    private void toxicology(Toxicology t, int i, Reference subject) {
        Observation o = observation("toxicology", i, subject, "laboratory");
        o.setCode(concept(Toxicology.Analyte.class, t.analyte()));
        o.addExtension(Fhir.ext("specimen"), code(Toxicology.Specimen.class, t.specimen()));
        o.addInterpretation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation",
                Boolean.TRUE.equals(t.detected()) ? "POS" : "NEG",
                Boolean.TRUE.equals(t.detected()) ? "Positive" : "Negative")));
        if (t.value() != null) {
            o.setValue(new Quantity().setValue(t.value()).setUnit(t.unit()));
        } else if (t.unit() != null) {
            o.addExtension(Fhir.ext("unit"), new StringType(t.unit()));
        }
        if (t.method() != null) {
            o.setMethod(concept(Toxicology.Method.class, t.method()));
        }
    }

    private Observation observation(String kind, int i, Reference subject, String category) {
        Observation o = new Observation();
        add(o, "Observation-" + kind, i);
        o.setStatus(voided ? Observation.ObservationStatus.ENTEREDINERROR : Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category, null)));
        o.setSubject(subject);
        return o;
    }

    private void addRecord(AdverseEvent event, String name, Object record) {
        Extension e = records.write(Fhir.ext(name), record);
        if (e != null) {
            event.addExtension(e);
        }
    }

    private void add(Resource resource, String kind, int i) {
        String id = uuid(kind, i);
        resource.setId(id);
        bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(resource);
    }

    private static Reference ref(Resource resource) {
        return new Reference("urn:uuid:" + resource.getIdElement().getIdPart());
    }

    private String uuid(String kind, int i) {
        return UUID.nameUUIDFromBytes((view.caseNumber() + "/" + view.version() + "/" + kind + "/" + i)
                        .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static <E extends Enum<E>> CodeType code(Class<E> type, E value) {
        return new CodeType(value.name());
    }

    static <E extends Enum<E>> CodeableConcept concept(Class<E> type, E value) {
        return new CodeableConcept(new Coding(Fhir.cs(type), value.name(), null));
    }
}
