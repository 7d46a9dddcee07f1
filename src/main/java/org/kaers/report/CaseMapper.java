package org.kaers.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.LiverInjury;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.vocabulary.CodingLookup;

/** Maps between the API records and the stored case, by hand. Derived fields are computed here, once. */
final class CaseMapper {

    private CaseMapper() {}

    static CaseVersion toVersion(
            CaseReportRequest report, CaseReport caseReport, int version, VersionType type, Instant receivedAt) {
        CaseVersion v = new CaseVersion();
        v.caseReport = caseReport;
        v.version = version;
        v.versionType = type;
        v.receivedAt = receivedAt;
        v.reporterQualification = report.reporter().qualification();
        v.reporterCountry = report.reporter().country();
        v.reporterOrganisation = report.reporter().organisation();
        v.reporterContact = report.reporter().contact();
        CaseReportRequest.Patient patient = report.patient();
        v.patientInitials = patient.initials();
        if (patient.age() != null) {
            v.patientAgeValue = patient.age().value();
            v.patientAgeUnit = patient.age().unit();
        }
        v.patientAgeGroup = patient.ageGroup();
        v.patientSex = patient.sex();
        v.patientWeightKg = patient.weightKg();
        v.patientPregnant = patient.pregnant();
        v.dateOfDeath = report.dateOfDeath();
        v.narrative = report.narrative();
        v.centreReference = report.centreReference();
        PoisonCentreFields poisonCentre = PoisonCentreFields.of(report);
        v.poisonCentre = poisonCentre.isEmpty() ? null : poisonCentre.toJson();

        v.serious = CaseDerivations.serious(report);
        v.derivedAgeGroup = CaseDerivations.ageGroup(patient);
        LiverInjury liver = LiverInjury.assess(report.labs());
        if (liver != null) {
            v.liverRRatio = liver.rRatio();
            v.liverInjuryPattern = liver.pattern();
            v.hysLaw = liver.hysLaw();
        }
        if (report.seriousnessCriteria() != null
                && !report.seriousnessCriteria().isEmpty()) {
            v.seriousnessCriteria = EnumSet.copyOf(report.seriousnessCriteria());
        }
        for (int i = 0; i < report.products().size(); i++) {
            v.products.add(toProduct(report.products().get(i), v, i));
        }
        LocalDate firstExposure = CaseDerivations.firstExposure(report.products());
        for (int i = 0; i < report.reactions().size(); i++) {
            CaseReportRequest.Reaction r = report.reactions().get(i);
            CaseReaction reaction = new CaseReaction();
            reaction.caseVersion = v;
            reaction.seq = i;
            reaction.verbatim = r.verbatim();
            reaction.onsetDate = r.onsetDate();
            reaction.outcome = r.outcome();
            reaction.timeToOnsetDays = CaseDerivations.timeToOnsetDays(firstExposure, r.onsetDate());
            v.reactions.add(reaction);
        }
        if (report.labs() != null) {
            for (int i = 0; i < report.labs().size(); i++) {
                CaseReportRequest.Lab l = report.labs().get(i);
                CaseLab lab = new CaseLab();
                lab.caseVersion = v;
                lab.seq = i;
                lab.testCode = l.testCode();
                lab.value = l.value();
                lab.unit = l.unit();
                lab.upperLimitOfNormal = l.upperLimitOfNormal();
                lab.resultDate = l.date();
                v.labs.add(lab);
            }
        }
        return v;
    }

    private static CaseProduct toProduct(CaseReportRequest.Product p, CaseVersion v, int seq) {
        CaseProduct product = new CaseProduct();
        product.caseVersion = v;
        product.seq = seq;
        product.role = p.role();
        product.nameReported = p.name();
        product.vendor = p.vendor();
        product.form = p.form();
        product.strain = p.strain();
        product.lotNumber = p.lotNumber();
        product.mitragynineMgPerServing = p.mitragynineMgPerServing();
        product.sevenOhMgPerServing = p.sevenOhMgPerServing();
        product.purchaseChannel = p.purchaseChannel();
        product.doseAmount = p.doseAmount();
        product.doseUnit = p.doseUnit();
        product.dosesPerDay = p.dosesPerDay();
        product.route = p.route();
        product.startDate = p.startDate();
        product.stopDate = p.stopDate();
        product.reasonForUse = p.reasonForUse();
        product.actionTaken = p.actionTaken();
        product.dechallenge = p.dechallenge();
        product.rechallenge = p.rechallenge();
        return product;
    }

    static CaseReportRequest toReport(CaseVersion v) {
        CaseReportRequest.Age age = v.patientAgeValue == null
                ? null
                : new CaseReportRequest.Age(plain(v.patientAgeValue), v.patientAgeUnit);
        PoisonCentreFields poisonCentre = PoisonCentreFields.fromJson(v.poisonCentre);
        CaseReportRequest.Patient patient = new CaseReportRequest.Patient(
                v.patientInitials,
                age,
                v.patientAgeGroup,
                v.patientSex,
                plain(v.patientWeightKg),
                v.patientPregnant,
                poisonCentre.history());
        CaseReportRequest.Reporter reporter = new CaseReportRequest.Reporter(
                v.reporterQualification, v.reporterCountry, v.reporterOrganisation, v.reporterContact);
        List<CaseReportRequest.Product> products = v.products.stream()
                .map(p -> new CaseReportRequest.Product(
                        p.role,
                        p.nameReported,
                        p.vendor,
                        p.form,
                        p.strain,
                        p.lotNumber,
                        plain(p.mitragynineMgPerServing),
                        plain(p.sevenOhMgPerServing),
                        p.purchaseChannel,
                        plain(p.doseAmount),
                        p.doseUnit,
                        plain(p.dosesPerDay),
                        p.route,
                        p.startDate,
                        p.stopDate,
                        p.reasonForUse,
                        p.actionTaken,
                        p.dechallenge,
                        p.rechallenge))
                .toList();
        List<CaseReportRequest.Reaction> reactions = v.reactions.stream()
                .map(r -> new CaseReportRequest.Reaction(r.verbatim, r.onsetDate, r.outcome))
                .toList();
        List<CaseReportRequest.Lab> labs = v.labs.stream()
                .map(l -> new CaseReportRequest.Lab(
                        l.testCode, plain(l.value), l.unit, plain(l.upperLimitOfNormal), l.resultDate))
                .toList();
        return new CaseReportRequest(
                reporter,
                patient,
                products,
                reactions,
                criteria(v),
                v.dateOfDeath,
                labs,
                v.narrative,
                v.centreReference,
                poisonCentre.exposure(),
                poisonCentre.care(),
                poisonCentre.vitalSigns(),
                poisonCentre.toxicology());
    }

    static CaseReportView toView(
            CaseReport c,
            CaseVersion v,
            Map<String, CodingLookup.ReactionCoding> reactionCodes,
            Map<String, CodingLookup.ProductCoding> productCodes,
            List<CaseReportView.DataQualityProblem> dataQuality) {
        CaseReportView.Nullification nullification = c.status == CaseStatus.NULLIFIED
                ? new CaseReportView.Nullification(
                        c.nullificationReason, c.nullificationComment, c.duplicateOf, c.nullifiedAt)
                : null;
        CaseReportRequest report = toReport(v);
        List<CaseReportView.DerivedReaction> reactions = new ArrayList<>();
        LocalDate lastDose = CaseDerivations.lastExposure(report.products());
        Long hours = CaseDerivations.exposureToOnsetHours(report.exposure());
        for (CaseReaction r : v.reactions) {
            reactions.add(new CaseReportView.DerivedReaction(
                    r.seq,
                    r.verbatim,
                    r.timeToOnsetDays,
                    CaseDerivations.timeToOnsetDays(lastDose, r.onsetDate),
                    r.seq == 0 ? hours : null,
                    reactionCodes.get(r.verbatim)));
        }
        List<CaseReportView.DerivedProduct> products = new ArrayList<>();
        for (CaseProduct p : v.products) {
            products.add(new CaseReportView.DerivedProduct(p.seq, p.nameReported, productCodes.get(p.nameReported)));
        }
        LiverInjury liver = v.liverRRatio == null && v.hysLaw == null
                ? null
                : new LiverInjury(plain(v.liverRRatio), v.liverInjuryPattern, v.hysLaw);
        CaseReportView.Derived derived =
                new CaseReportView.Derived(v.serious, v.derivedAgeGroup, liver, reactions, products, dataQuality);
        return new CaseReportView(
                c.caseNumber,
                v.version,
                v.versionType,
                c.currentVersion,
                c.status,
                c.source,
                c.receivedAt,
                v.receivedAt,
                nullification,
                derived,
                report);
    }

    static CaseSummary toSummary(CaseReport c, CaseVersion v) {
        List<String> suspects = v.products.stream()
                .filter(p -> p.role == ProductRole.SUSPECT || p.role == ProductRole.INTERACTING)
                .map(p -> p.nameReported)
                .toList();
        return new CaseSummary(
                c.caseNumber,
                c.currentVersion,
                c.status,
                c.source,
                c.receivedAt,
                c.updatedAt,
                v.serious,
                criteria(v),
                v.reporterQualification,
                v.reporterCountry,
                v.derivedAgeGroup,
                v.patientSex,
                suspects,
                v.reactions.stream().map(r -> r.verbatim).toList());
    }

    static VersionSummary toVersionSummary(CaseVersion v) {
        return new VersionSummary(v.version, v.versionType, v.receivedAt, v.serious);
    }

    private static List<SeriousnessCriterion> criteria(CaseVersion v) {
        return v.seriousnessCriteria.stream().sorted().toList();
    }

    /** Numeric columns have a fixed scale; give back the number as written (2.50 -> 2.5, 20.00 -> 20). */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
