package org.kaers.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.kaers.report.model.ActionTaken;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.Care;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.ChallengeResult;
import org.kaers.report.model.DoseUnit;
import org.kaers.report.model.Exposure;
import org.kaers.report.model.LabTest;
import org.kaers.report.model.PatientHistory;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.PurchaseChannel;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.ReasonForUse;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.Route;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;
import org.kaers.report.model.Toxicology;
import org.kaers.report.model.VitalSigns;
import org.kaers.vocabulary.model.ProductForm;

/**
 * A FHIR R4 Bundle holding one AdverseEvent read as a case report, the inverse of {@link CaseBundleWriter}: what
 * the writer puts where is read from there; what a foreign system leaves out stays empty and the submission rules
 * decide. Anything that cannot be read is a {@link ReadProblem} naming the element; {@link #element(String)} names
 * the element a field of the report came from, so a rule broken by the report is answered with the FHIR element.
 */
final class CaseBundleReader {

    private final RecordExtensions records;
    private final Bundle bundle;
    private final Map<String, Integer> entryByReference = new HashMap<>();
    /** Report field (as the validation names it) -> the FHIR element it was read from. */
    private final Map<String, String> elements = new LinkedHashMap<>();

    private CaseBundleReader(RecordExtensions records, Bundle bundle) {
        this.records = records;
        this.bundle = bundle;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent e = bundle.getEntry().get(i);
            if (e.getFullUrl() != null) {
                entryByReference.put(e.getFullUrl(), i);
            }
            if (e.getResource() != null && e.getResource().getIdElement().getIdPart() != null) {
                entryByReference.put(
                        e.getResource().fhirType() + "/"
                                + e.getResource().getIdElement().getIdPart(),
                        i);
            }
        }
    }

    static CaseBundleReader of(RecordExtensions records, Bundle bundle) {
        return new CaseBundleReader(records, bundle);
    }

    /** The FHIR element a field of the report (products[0].doseAmount) was read from. */
    String element(String field) {
        String best = null;
        for (String key : elements.keySet()) {
            if ((field.equals(key) || field.startsWith(key + ".") || field.startsWith(key + "["))
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? elements.getOrDefault("", "Bundle") : elements.get(best);
    }

    CaseReportRequest read() {
        List<Integer> events = indexesOf(AdverseEvent.class);
        if (events.size() != 1) {
            throw new ReadProblem("Bundle.entry", "must hold exactly one AdverseEvent (found " + events.size() + ")");
        }
        int ei = events.get(0);
        AdverseEvent event = (AdverseEvent) resource(ei);
        String ep = path(ei);
        elements.put("", ep);
        Extension status = event.getExtensionByUrl(Fhir.R5_STATUS);
        if (status != null && "entered-in-error".equals(status.getValue().primitiveValue())) {
            throw new ReadProblem(
                    ep + ".extension", "the AdverseEvent is entered-in-error (nullified): not a case to submit");
        }
        int pi = resolve(event.getSubject(), Patient.class, ep + ".subject");
        Patient patient = (Patient) resource(pi);
        CaseReportRequest.Reporter reporter = reporter(event, ep);
        List<CaseReportRequest.Reaction> reactions = reactions(event, ep);
        List<CaseReportRequest.Product> products = products(event, ep);
        List<CaseReportRequest.Lab> labs = new ArrayList<>();
        List<Toxicology> toxicology = new ArrayList<>();
        BigDecimal weight = observations(labs, toxicology);
        List<SeriousnessCriterion> criteria = new ArrayList<>();
        for (int i = 0; i < event.getExtension().size(); i++) {
            Extension e = event.getExtension().get(i);
            if (e.getUrl().equals(Fhir.ext("seriousness-criterion"))) {
                criteria.add(code(SeriousnessCriterion.class, e.getValue(), ep + ".extension[" + i + "]"));
            }
        }
        elements.put("seriousnessCriteria", ep + ".extension[seriousness-criterion]");
        elements.put("narrative", ep + ".extension[narrative]");
        elements.put("centreReference", ep + ".extension[centre-reference]");
        elements.put("exposure", ep + ".extension[exposure]");
        elements.put("care", ep + ".extension[care]");
        elements.putIfAbsent("vitalSigns", "Bundle.entry");
        elements.put("dateOfDeath", path(pi) + ".deceasedDateTime");
        LocalDate death =
                patient.getDeceased() instanceof BaseDateTimeType d ? date(d, path(pi) + ".deceasedDateTime") : null;
        return new CaseReportRequest(
                reporter,
                patient(patient, pi, weight),
                products,
                reactions,
                criteria.isEmpty() ? null : criteria,
                death,
                labs.isEmpty() ? null : labs,
                string(event, "narrative"),
                string(event, "centre-reference"),
                record(event, "exposure", Exposure.class, ep),
                record(event, "care", Care.class, ep),
                vitalSigns(),
                toxicology.isEmpty() ? null : toxicology);
    }

    private CaseReportRequest.Patient patient(Patient p, int pi, BigDecimal weightKg) {
        String pp = path(pi);
        elements.put("patient", pp);
        elements.put("patient.initials", pp + ".name[0].text");
        elements.put("patient.sex", pp + ".gender");
        elements.put("patient.age", pp + ".extension[age-at-onset]");
        elements.put("patient.ageGroup", pp + ".extension[age-group]");
        elements.put("patient.pregnant", pp + ".extension[pregnant]");
        elements.put("patient.history", pp + ".extension[history]");
        String initials = p.hasName() ? p.getNameFirstRep().getText() : null;
        Sex sex = !p.hasGender()
                ? null
                : switch (p.getGender()) {
                    case FEMALE -> Sex.FEMALE;
                    case MALE -> Sex.MALE;
                    case UNKNOWN -> Sex.UNKNOWN;
                    default ->
                        throw new ReadProblem(
                                pp + ".gender", "must be female, male or unknown (KAERS records no other)");
                };
        CaseReportRequest.Age age = null;
        Extension ageExt = p.getExtensionByUrl(Fhir.ext("age-at-onset"));
        if (ageExt != null) {
            if (!(ageExt.getValue() instanceof Quantity q) || !q.hasValue()) {
                throw new ReadProblem(
                        pp + ".extension[age-at-onset]", "must be a valueQuantity with a value and a code");
            }
            age = new CaseReportRequest.Age(
                    q.getValue(),
                    code(AgeUnit.class, q.getCodeElement(), pp + ".extension[age-at-onset].valueQuantity.code"));
        }
        Extension group = p.getExtensionByUrl(Fhir.ext("age-group"));
        Extension pregnant = p.getExtensionByUrl(Fhir.ext("pregnant"));
        List<PatientHistory> history = p.getExtensionsByUrl(Fhir.ext("history")).stream()
                .map(e -> code(PatientHistory.class, e.getValue(), pp + ".extension[history]"))
                .toList();
        return new CaseReportRequest.Patient(
                initials,
                age,
                group == null ? null : code(AgeGroup.class, group.getValue(), pp + ".extension[age-group]"),
                sex,
                weightKg,
                pregnant == null ? null : Boolean.valueOf(pregnant.getValue().primitiveValue()),
                history.isEmpty() ? null : history);
    }

    private CaseReportRequest.Reporter reporter(AdverseEvent event, String ep) {
        elements.put("reporter", ep + ".recorder");
        if (!event.hasRecorder()) {
            return null;
        }
        int ri = resolve(event.getRecorder(), DomainResource.class, ep + ".recorder");
        Resource recorder = resource(ri);
        Practitioner practitioner;
        ReporterQualification qualification = null;
        String organisation = null;
        if (recorder instanceof PractitionerRole role) {
            elements.put("reporter.qualification", path(ri) + ".code[0]");
            if (role.hasCode()) {
                qualification = coded(ReporterQualification.class, role.getCodeFirstRep(), path(ri) + ".code[0]");
            }
            practitioner = role.hasPractitioner()
                    ? (Practitioner)
                            resource(resolve(role.getPractitioner(), Practitioner.class, path(ri) + ".practitioner"))
                    : null;
            if (role.hasOrganization()) {
                int oi = resolve(role.getOrganization(), Organization.class, path(ri) + ".organization");
                elements.put("reporter.organisation", path(oi) + ".name");
                organisation = ((Organization) resource(oi)).getName();
            }
        } else if (recorder instanceof Practitioner p) {
            practitioner = p;
        } else {
            throw new ReadProblem(ep + ".recorder", "must reference a PractitionerRole or Practitioner in the Bundle");
        }
        String country = null;
        String contact = null;
        if (practitioner != null) {
            country = practitioner.hasAddress()
                    ? practitioner.getAddressFirstRep().getCountry()
                    : null;
            contact = practitioner.hasTelecom()
                    ? practitioner.getTelecomFirstRep().getValue()
                    : null;
        }
        return new CaseReportRequest.Reporter(qualification, country, organisation, contact);
    }

    private List<CaseReportRequest.Reaction> reactions(AdverseEvent event, String ep) {
        List<CaseReportRequest.Reaction> out = new ArrayList<>();
        elements.put("reactions", ep + ".resultingCondition");
        for (int i = 0; i < event.getResultingCondition().size(); i++) {
            int ci = resolve(
                    event.getResultingCondition().get(i), Condition.class, ep + ".resultingCondition[" + i + "]");
            Condition c = (Condition) resource(ci);
            String cp = path(ci);
            elements.put("reactions[" + i + "]", cp);
            elements.put("reactions[" + i + "].verbatim", cp + ".code.text");
            elements.put("reactions[" + i + "].onsetDate", cp + ".onsetDateTime");
            elements.put("reactions[" + i + "].outcome", cp + ".extension[reaction-outcome]");
            String verbatim = !c.hasCode()
                    ? null
                    : c.getCode().hasText()
                            ? c.getCode().getText()
                            : c.getCode().getCodingFirstRep().getDisplay();
            LocalDate onset = c.getOnset() instanceof BaseDateTimeType d ? date(d, cp + ".onsetDateTime") : null;
            Extension outcome = c.getExtensionByUrl(Fhir.ext("reaction-outcome"));
            ReactionOutcome o = outcome != null
                    ? code(ReactionOutcome.class, outcome.getValue(), cp + ".extension[reaction-outcome]")
                    : fromClinicalStatus(c);
            out.add(new CaseReportRequest.Reaction(verbatim, onset, o));
        }
        return out;
    }

    private static ReactionOutcome fromClinicalStatus(Condition c) {
        if (!c.hasClinicalStatus()) {
            return null;
        }
        return switch (String.valueOf(c.getClinicalStatus().getCodingFirstRep().getCode())) {
            case "resolved", "inactive" -> ReactionOutcome.RECOVERED;
            case "remission" -> ReactionOutcome.RECOVERING;
            case "active", "recurrence", "relapse" -> ReactionOutcome.NOT_RECOVERED;
            default -> null;
        };
    }

    /** Product index (in report.products) of each Medication entry read as a product. */
    private final Map<Integer, Integer> productOfEntry = new HashMap<>();

    /** A causality assessment found in the Bundle, with the element it was read from. */
    record ImportedCausality(
            int productIndex,
            int reactionIndex,
            org.kaers.causality.model.WhoUmcCategory whoUmc,
            String comment,
            String element) {}

    /**
     * The causality assessments of the AdverseEvent's suspect entities (call after {@link #read}): the product of
     * the suspect entity, the reaction its productRelatedness names ("reaction 1: dark urine" as exported, a
     * reaction's text, or the only reaction), the WHO-UMC category (KAERS's code system, or HL7's causality-assess
     * code); the assessment's text becomes the comment. Naranjo and RUCAM answers are not in a Bundle.
     */
    List<ImportedCausality> causality(int reactions, List<String> verbatims) {
        List<ImportedCausality> out = new ArrayList<>();
        int ei = indexesOf(AdverseEvent.class).get(0);
        AdverseEvent event = (AdverseEvent) resource(ei);
        for (int i = 0; i < event.getSuspectEntity().size(); i++) {
            var suspect = event.getSuspectEntity().get(i);
            String sp = path(ei) + ".suspectEntity[" + i + "]";
            for (int j = 0; j < suspect.getCausality().size(); j++) {
                var c = suspect.getCausality().get(j);
                String cp = sp + ".causality[" + j + "]";
                Integer product =
                        productOfEntry.get(resolve(suspect.getInstance(), DomainResource.class, sp + ".instance"));
                if (product == null) {
                    throw new ReadProblem(
                            sp + ".instance", "an assessed suspect entity must be a Medication read as a product");
                }
                int reaction =
                        reactionNamed(c.getProductRelatedness(), reactions, verbatims, cp + ".productRelatedness");
                org.kaers.causality.model.WhoUmcCategory who = null;
                String ours = codeIn(c.getAssessment(), Fhir.CS + "who-umc");
                String hl7 = codeIn(
                        c.getAssessment(), "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess");
                for (org.kaers.causality.model.WhoUmcCategory w : org.kaers.causality.model.WhoUmcCategory.values()) {
                    if (w.name().equals(ours)
                            || (ours == null && CaseBundleWriter.whoUmc(w).equals(hl7))) {
                        who = w;
                    }
                }
                if (who == null) {
                    throw new ReadProblem(
                            cp + ".assessment",
                            "must carry a WHO-UMC category: a code of " + Fhir.CS
                                    + "who-umc or of http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess");
                }
                String text = c.getAssessment().getText();
                out.add(new ImportedCausality(
                        product,
                        reaction,
                        who,
                        text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text,
                        cp));
            }
        }
        return out;
    }

    private static int reactionNamed(String relatedness, int reactions, List<String> verbatims, String element) {
        java.util.regex.Matcher m = relatedness == null
                ? null
                : java.util.regex.Pattern.compile("reaction (\\d{1,2})(: .*)?", java.util.regex.Pattern.DOTALL)
                        .matcher(relatedness);
        if (m != null && m.matches() && Integer.parseInt(m.group(1)) < reactions) {
            return Integer.parseInt(m.group(1));
        }
        for (int r = 0; relatedness != null && r < verbatims.size(); r++) {
            if (verbatims.get(r).equalsIgnoreCase(relatedness.trim())) {
                return r;
            }
        }
        if (relatedness == null && reactions == 1) {
            return 0;
        }
        throw new ReadProblem(
                element,
                "must name the assessed reaction: \"reaction <n>: <text>\" (n from 0, as exported) "
                        + "or the text of one of the " + reactions + " reactions");
    }

    private List<CaseReportRequest.Product> products(AdverseEvent event, String ep) {
        Set<Integer> suspects = new HashSet<>();
        for (int i = 0; i < event.getSuspectEntity().size(); i++) {
            suspects.add(resolve(
                    event.getSuspectEntity().get(i).getInstance(),
                    DomainResource.class,
                    ep + ".suspectEntity[" + i + "].instance"));
        }
        List<CaseReportRequest.Product> out = new ArrayList<>();
        elements.put("products", ep + ".suspectEntity");
        Set<Integer> statedMedications = new HashSet<>();
        for (int si : indexesOf(MedicationStatement.class)) {
            MedicationStatement s = (MedicationStatement) resource(si);
            String sp = path(si);
            if (!(s.getMedication() instanceof Reference r)) {
                throw new ReadProblem(
                        sp + ".medication", "must be a medicationReference to a Medication in the Bundle");
            }
            int mi = resolve(r, Medication.class, sp + ".medicationReference");
            statedMedications.add(mi);
            Extension roleExt = s.getExtensionByUrl(Fhir.ext("product-role"));
            ProductRole role = roleExt != null
                    ? code(ProductRole.class, roleExt.getValue(), sp + ".extension[product-role]")
                    : suspects.contains(mi) ? ProductRole.SUSPECT : ProductRole.CONCOMITANT;
            productOfEntry.putIfAbsent(mi, out.size());
            out.add(product(out.size(), role, (Medication) resource(mi), path(mi), s, sp));
        }
        for (int mi : suspects) {
            if (!statedMedications.contains(mi) && resource(mi) instanceof Medication m) {
                productOfEntry.put(mi, out.size());
                out.add(product(out.size(), ProductRole.SUSPECT, m, path(mi), null, null));
            }
        }
        return out;
    }

    private CaseReportRequest.Product product(
            int index, ProductRole role, Medication m, String mp, MedicationStatement s, String sp) {
        String key = "products[" + index + "]";
        elements.put(key, sp != null ? sp : mp);
        elements.put(key + ".name", mp + ".code.text");
        elements.put(key + ".form", mp + ".form");
        elements.put(key + ".lotNumber", mp + ".batch.lotNumber");
        elements.put(key + ".vendor", mp + ".extension[vendor]");
        elements.put(key + ".strain", mp + ".extension[strain]");
        elements.put(key + ".mitragynineMgPerServing", mp + ".ingredient");
        elements.put(key + ".sevenOhMgPerServing", mp + ".ingredient");
        String name = !m.hasCode()
                ? null
                : m.getCode().hasText()
                        ? m.getCode().getText()
                        : m.getCode().getCodingFirstRep().getDisplay();
        BigDecimal mitragynine = null;
        BigDecimal sevenOh = null;
        for (Medication.MedicationIngredientComponent ing : m.getIngredient()) {
            if (ing.getItem() instanceof CodeableConcept c
                    && ing.hasStrength()
                    && ing.getStrength().hasNumerator()) {
                String code = codeIn(c, Fhir.CS + "labelled-alkaloid");
                if ("MITRAGYNINE".equals(code)) {
                    mitragynine = ing.getStrength().getNumerator().getValue();
                } else if ("SEVEN_HYDROXYMITRAGYNINE".equals(code)) {
                    sevenOh = ing.getStrength().getNumerator().getValue();
                }
            }
        }
        ProductForm form = m.hasForm() ? coded(ProductForm.class, m.getForm(), mp + ".form") : null;
        String lot = m.hasBatch() ? m.getBatch().getLotNumber() : null;
        LocalDate start = null;
        LocalDate stop = null;
        Route route = null;
        BigDecimal dose = null;
        DoseUnit unit = null;
        ReasonForUse reason = null;
        BigDecimal perDay = null;
        PurchaseChannel channel = null;
        ActionTaken action = null;
        ChallengeResult de = null;
        ChallengeResult re = null;
        if (s != null) {
            elements.put(key + ".startDate", sp + ".effectivePeriod.start");
            elements.put(key + ".stopDate", sp + ".effectivePeriod.end");
            elements.put(key + ".route", sp + ".dosage[0].route");
            elements.put(key + ".doseAmount", sp + ".dosage[0].doseAndRate[0].doseQuantity.value");
            elements.put(key + ".doseUnit", sp + ".dosage[0].doseAndRate[0].doseQuantity.code");
            elements.put(key + ".reasonForUse", sp + ".reasonCode[0]");
            elements.put(key + ".dosesPerDay", sp + ".extension[doses-per-day]");
            if (s.getEffective() instanceof org.hl7.fhir.r4.model.Period p) {
                start = p.hasStart() ? date(p.getStartElement(), sp + ".effectivePeriod.start") : null;
                stop = p.hasEnd() ? date(p.getEndElement(), sp + ".effectivePeriod.end") : null;
            } else if (s.getEffective() instanceof BaseDateTimeType d) {
                start = date(d, sp + ".effectiveDateTime");
            }
            if (s.hasDosage()) {
                var dosage = s.getDosageFirstRep();
                route = dosage.hasRoute() ? coded(Route.class, dosage.getRoute(), sp + ".dosage[0].route") : null;
                if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().getDose() instanceof Quantity q) {
                    dose = q.getValue();
                    unit = q.hasCode()
                            ? code(
                                    DoseUnit.class,
                                    q.getCodeElement(),
                                    sp + ".dosage[0].doseAndRate[0].doseQuantity.code")
                            : null;
                }
            }
            reason = s.hasReasonCode()
                    ? coded(ReasonForUse.class, s.getReasonCodeFirstRep(), sp + ".reasonCode[0]")
                    : null;
            Extension perDayExt = s.getExtensionByUrl(Fhir.ext("doses-per-day"));
            perDay = perDayExt == null
                    ? null
                    : new BigDecimal(perDayExt.getValue().primitiveValue());
            channel = extCode(s, "purchase-channel", PurchaseChannel.class, sp);
            action = extCode(s, "action-taken", ActionTaken.class, sp);
            de = extCode(s, "dechallenge", ChallengeResult.class, sp);
            re = extCode(s, "rechallenge", ChallengeResult.class, sp);
        }
        return new CaseReportRequest.Product(
                role,
                name,
                string(m, "vendor"),
                form,
                string(m, "strain"),
                lot,
                mitragynine,
                sevenOh,
                channel,
                dose,
                unit,
                perDay,
                route,
                start,
                stop,
                reason,
                action,
                de,
                re);
    }

    /** Labs and toxicology into the lists; returns the body weight in kg, if any. */
    private BigDecimal observations(List<CaseReportRequest.Lab> labs, List<Toxicology> toxicology) {
        BigDecimal weight = null;
        for (int oi : indexesOf(Observation.class)) {
            Observation o = (Observation) resource(oi);
            String op = path(oi);
            String analyte = codeIn(o.getCode(), Fhir.cs(Toxicology.Analyte.class));
            String labCode = codeIn(o.getCode(), Fhir.CS + "lab-test");
            String loinc = codeIn(o.getCode(), Fhir.LOINC);
            VitalSign sign = labCode == null && analyte == null ? VitalSign.byLoinc(loinc) : null;
            if (sign == VitalSign.BODY_WEIGHT) {
                elements.put("patient.weightKg", op + ".valueQuantity");
                weight = vitalValue(o.getValue(), sign, op + ".valueQuantity");
            } else if (sign != null) {
                vital(o, sign, op);
            } else if (analyte != null) {
                toxicology.add(toxicology(o, op, toxicology.size()));
            } else {
                if (labCode == null && loinc != null) {
                    labCode = Arrays.stream(LabTest.values())
                            .filter(t -> t.loinc().equals(loinc))
                            .map(Enum::name)
                            .findFirst()
                            .orElse(null);
                }
                if (labCode == null) {
                    throw new ReadProblem(
                            op + ".code",
                            "must carry a KAERS lab-test code or the LOINC code of one: "
                                    + Arrays.stream(LabTest.values())
                                            .map(t -> t.name() + " (" + t.loinc() + ")")
                                            .collect(Collectors.joining(", ")));
                }
                String key = "labs[" + labs.size() + "]";
                elements.put(key, op);
                elements.put(key + ".value", op + ".valueQuantity.value");
                elements.put(key + ".unit", op + ".valueQuantity.unit");
                elements.put(key + ".upperLimitOfNormal", op + ".referenceRange[0].high");
                elements.put(key + ".date", op + ".effectiveDateTime");
                Quantity value = o.getValue() instanceof Quantity q ? q : null;
                BigDecimal uln =
                        o.hasReferenceRange() && o.getReferenceRangeFirstRep().hasHigh()
                                ? o.getReferenceRangeFirstRep().getHigh().getValue()
                                : null;
                LocalDate date =
                        o.getEffective() instanceof BaseDateTimeType d ? date(d, op + ".effectiveDateTime") : null;
                labs.add(new CaseReportRequest.Lab(
                        labCode,
                        value == null ? null : value.getValue(),
                        value == null ? null : value.getUnit(),
                        uln,
                        date));
            }
        }
        return weight;
    }

    /** The vital signs read from their Observations (see VitalSign), field by field. */
    private final Map<VitalSign, BigDecimal> vitals = new java.util.EnumMap<>(VitalSign.class);

    private void vital(Observation o, VitalSign sign, String op) {
        if (sign == VitalSign.BLOOD_PRESSURE) {
            for (int i = 0; i < o.getComponent().size(); i++) {
                Observation.ObservationComponentComponent c = o.getComponent().get(i);
                String cp = op + ".component[" + i + "]";
                VitalSign part = VitalSign.byLoinc(codeIn(c.getCode(), Fhir.LOINC));
                if (part != VitalSign.SYSTOLIC && part != VitalSign.DIASTOLIC) {
                    throw new ReadProblem(
                            cp + ".code",
                            "a blood pressure component must be LOINC 8480-6 (systolic) or " + "8462-4 (diastolic)");
                }
                put(part, vitalValue(c.getValue(), part, cp + ".valueQuantity"), cp);
            }
        } else if (sign == VitalSign.GLASGOW_COMA_SCORE) {
            if (!(o.getValue() instanceof org.hl7.fhir.r4.model.IntegerType score)) {
                throw new ReadProblem(op + ".valueInteger", "the Glasgow coma score must be an integer");
            }
            put(sign, BigDecimal.valueOf(score.getValue()), op);
        } else {
            put(sign, vitalValue(o.getValue(), sign, op + ".valueQuantity"), op);
        }
    }

    private void put(VitalSign sign, BigDecimal value, String op) {
        if (vitals.put(sign, value) != null) {
            throw new ReadProblem(
                    op, "a second Observation of " + sign.loinc() + " (KAERS records one per case version)");
        }
        String field = switch (sign) {
            case RESPIRATORY_RATE -> "respiratoryRate";
            case OXYGEN_SATURATION -> "spo2";
            case HEART_RATE -> "heartRate";
            case BODY_TEMPERATURE -> "temperatureC";
            case SYSTOLIC -> "systolicBp";
            case DIASTOLIC -> "diastolicBp";
            case GLASGOW_COMA_SCORE -> "gcs";
            default -> throw new IllegalStateException(sign.name());
        };
        elements.put(
                "vitalSigns." + field,
                op + (sign == VitalSign.GLASGOW_COMA_SCORE ? ".valueInteger" : ".valueQuantity"));
    }

    /** A vital sign's quantity in its UCUM unit (the code, or the unit text when no code is given). */
    private static BigDecimal vitalValue(org.hl7.fhir.r4.model.Type value, VitalSign sign, String element) {
        if (!(value instanceof Quantity q)
                || !q.hasValue()
                || !sign.ucum().equals(q.getCode() != null ? q.getCode() : q.getUnit())) {
            throw new ReadProblem(element, "must be a quantity in " + sign.ucum() + " (UCUM)");
        }
        return q.getValue();
    }

    /** The vital signs read, or null when the Bundle has none. */
    private VitalSigns vitalSigns() {
        if (vitals.isEmpty()) {
            return null;
        }
        return new VitalSigns(
                integer(VitalSign.RESPIRATORY_RATE),
                integer(VitalSign.OXYGEN_SATURATION),
                integer(VitalSign.HEART_RATE),
                integer(VitalSign.SYSTOLIC),
                integer(VitalSign.DIASTOLIC),
                integer(VitalSign.GLASGOW_COMA_SCORE),
                vitals.get(VitalSign.BODY_TEMPERATURE));
    }

    private Integer integer(VitalSign sign) {
        BigDecimal v = vitals.get(sign);
        if (v == null) {
            return null;
        }
        try {
            return v.intValueExact();
        } catch (ArithmeticException e) {
            throw new ReadProblem(elements.get("vitalSigns"), sign.loinc() + " must be a whole number");
        }
    }

    private Toxicology toxicology(Observation o, String op, int index) {
        String key = "toxicology[" + index + "]";
        elements.put(key, op);
        elements.put(key + ".analyte", op + ".code");
        elements.put(key + ".specimen", op + ".extension[specimen]");
        elements.put(key + ".detected", op + ".interpretation[0]");
        elements.put(key + ".value", op + ".valueQuantity.value");
        elements.put(key + ".unit", op + ".valueQuantity.unit");
        elements.put(key + ".method", op + ".method");
        Boolean detected = null;
        if (o.hasInterpretation()) {
            String code = codeIn(
                    o.getInterpretationFirstRep(),
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
            detected = "POS".equals(code) || "DET".equals(code)
                    ? Boolean.TRUE
                    : "NEG".equals(code) || "ND".equals(code) ? Boolean.FALSE : null;
        }
        Quantity value = o.getValue() instanceof Quantity q ? q : null;
        String unit = value != null ? value.getUnit() : string(o, "unit");
        return new Toxicology(
                coded(Toxicology.Analyte.class, o.getCode(), op + ".code"),
                extCode(o, "specimen", Toxicology.Specimen.class, op),
                detected,
                value == null ? null : value.getValue(),
                unit,
                o.hasMethod() ? coded(Toxicology.Method.class, o.getMethod(), op + ".method") : null);
    }

    private <T> T record(DomainResource r, String name, Class<T> type, String rp) {
        Extension e = r.getExtensionByUrl(Fhir.ext(name));
        return e == null ? null : records.read(e, type, rp + ".extension[" + name + "]");
    }

    private static String string(DomainResource r, String name) {
        Extension e = r.getExtensionByUrl(Fhir.ext(name));
        return e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    }

    private static <E extends Enum<E>> E extCode(DomainResource r, String name, Class<E> type, String rp) {
        Extension e = r.getExtensionByUrl(Fhir.ext(name));
        return e == null ? null : code(type, e.getValue(), rp + ".extension[" + name + "]");
    }

    /** The code of the concept's coding in KAERS's code system of this enumeration. */
    private static <E extends Enum<E>> E coded(Class<E> type, CodeableConcept concept, String where) {
        String code = codeIn(concept, Fhir.cs(type));
        if (code == null) {
            throw new ReadProblem(
                    where,
                    "must have a coding with system " + Fhir.cs(type) + " and one of the codes " + allowed(type));
        }
        return parse(type, code, where + ".coding");
    }

    private static <E extends Enum<E>> E code(Class<E> type, Type value, String where) {
        if (value == null || value.primitiveValue() == null) {
            throw new ReadProblem(where, "must have a value: one of " + allowed(type));
        }
        return parse(type, value.primitiveValue(), where);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String code, String where) {
        try {
            return Enum.valueOf(type, code);
        } catch (IllegalArgumentException e) {
            throw new ReadProblem(where, "must be one of " + allowed(type));
        }
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String codeIn(CodeableConcept concept, String system) {
        if (concept == null) {
            return null;
        }
        for (Coding c : concept.getCoding()) {
            if (system.equals(c.getSystem())) {
                return c.getCode();
            }
        }
        return null;
    }

    private static LocalDate date(BaseDateTimeType value, String where) {
        String text = value.getValueAsString();
        if (text == null || text.length() < 10) {
            throw new ReadProblem(where, "must be a full date (YYYY-MM-DD), not only a year or month");
        }
        return LocalDate.parse(text.substring(0, 10));
    }

    private int resolve(Reference reference, Class<? extends Resource> type, String where) {
        Integer i = reference == null || reference.getReference() == null
                ? null
                : entryByReference.get(reference.getReference());
        if (i == null) {
            throw new ReadProblem(where, "must reference a " + type.getSimpleName() + " in the Bundle");
        }
        if (!type.isInstance(resource(i))) {
            throw new ReadProblem(
                    where,
                    "must reference a " + type.getSimpleName() + ", not a "
                            + resource(i).fhirType());
        }
        return i;
    }

    private List<Integer> indexesOf(Class<? extends Resource> type) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (type.isInstance(bundle.getEntry().get(i).getResource())) {
                out.add(i);
            }
        }
        return out;
    }

    private Resource resource(int i) {
        return bundle.getEntry().get(i).getResource();
    }

    private static String path(int i) {
        return "Bundle.entry[" + i + "].resource";
    }
}
