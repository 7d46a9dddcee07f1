package org.kaers.report;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kaers.common.Violation;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.vocabulary.ProductCoder;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Imports of public data sets (FDA's CAERS files, issue #12): a batch of the source's reports stored in one
 * transaction with the derivations and coding of a submission, and the source's data-quality problems kept with
 * each version. The importer ({@code imports}) reads the file and calls this in batches.
 */
@ApplicationScoped
public class CaseImports {

    private final CaseReportRepository cases;
    private final CaseVersionRepository versions;
    private final CaseNumbers caseNumbers;
    private final MeterRegistry metrics;
    private final SymptomCoder symptomCoder;
    private final ProductCoder productCoder;

    CaseImports(
            CaseReportRepository cases,
            CaseVersionRepository versions,
            CaseNumbers caseNumbers,
            MeterRegistry metrics,
            SymptomCoder symptomCoder,
            ProductCoder productCoder) {
        this.cases = cases;
        this.versions = versions;
        this.caseNumbers = caseNumbers;
        this.metrics = metrics;
        this.symptomCoder = symptomCoder;
        this.productCoder = productCoder;
    }

    /**
     * A case from a public data set, identified there by {@code externalId}, received on {@code receivedAt};
     * {@code digest} identifies the source's content (a later export with another digest is a follow-up), and
     * {@code dataQuality} lists what the importer found wrong with the source's values (kept as reported).
     */
    public record ImportedCase(
            String externalId,
            Instant receivedAt,
            CaseReportRequest report,
            String digest,
            List<Violation> dataQuality) {

        public ImportedCase(String externalId, Instant receivedAt, CaseReportRequest report) {
            this(externalId, receivedAt, report, null, List.of());
        }
    }

    /** What became of an imported case. */
    public enum ImportResult {
        /** A new case. */
        STORED,
        /** The report was stored before with other content: a FOLLOW_UP version was added. */
        UPDATED,
        /** The report was stored before with the same content (or the case is nullified): left alone. */
        UNCHANGED
    }

    /** What happened to one imported case: its case number and result, and how many data-quality problems it has. */
    public record ImportOutcome(String externalId, String caseNumber, ImportResult result, int dataQualityProblems) {}

    /**
     * Stores a batch of imported cases in one transaction, with the same derivations and coding as a
     * submission. A case is kept as its source has it: where it breaks a rule written for submissions (no
     * suspect product, an age over 130 years) the break is listed as a data-quality problem of the version
     * instead of refusing the case, and derivations leave the value out ({@link CaseDerivations}). A case whose
     * external id is already stored for the source is left alone when its digest is the same, and gets a
     * FOLLOW_UP version when it differs. {@code submittedBy} is who started the import (imports run as jobs,
     * outside the request).
     */
    @Transactional
    public ImportBatch importBatch(CaseSource source, List<ImportedCase> batch, String submittedBy) {
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long mark = System.nanoTime();
        List<ImportOutcome> outcomes = new ArrayList<>();
        Map<String, CaseReportRepository.Present> present = new java.util.HashMap<>();
        for (CaseReportRepository.Present c : cases.presentByExternalIds(
                source, batch.stream().map(ImportedCase::externalId).toList())) {
            present.put(c.externalId(), c);
        }
        List<ImportedCase> fresh = new ArrayList<>();
        List<ImportedCase> changed = new ArrayList<>();
        for (ImportedCase imported : batch) {
            CaseReportRepository.Present c = present.get(imported.externalId());
            if (c == null) {
                fresh.add(imported);
            } else if (c.unchangedBy(imported.digest())) {
                outcomes.add(new ImportOutcome(imported.externalId(), c.caseNumber(), ImportResult.UNCHANGED, 0));
            } else {
                changed.add(imported);
            }
        }
        // Only the cases that get a version are locked (serialises follow-ups and nullification), then read again.
        Map<Long, CaseReportRepository.Present> locked = new java.util.HashMap<>();
        cases.lockByIds(changed.stream()
                        .map(i -> present.get(i.externalId()).id())
                        .toList())
                .forEach(c -> locked.put(c.id(), c));
        changed.removeIf(imported -> {
            CaseReportRepository.Present c =
                    locked.get(present.get(imported.externalId()).id());
            if (c.unchangedBy(imported.digest())) {
                outcomes.add(new ImportOutcome(imported.externalId(), c.caseNumber(), ImportResult.UNCHANGED, 0));
                return true;
            }
            present.put(imported.externalId(), c);
            return false;
        });
        mark = phase(phases, "find existing cases", mark);
        List<ImportedCase> stored = new ArrayList<>(fresh);
        stored.addAll(changed);
        // (an importer that ran codeBatch first finds every text coded, in memory: KnownTexts)
        java.util.Set<Long> grown = codeTexts(stored);
        mark = phase(phases, "term and product coding", mark);
        LocalDate today = CaseClock.today();
        Map<CaseVersion, List<Violation>> quality = new java.util.LinkedHashMap<>();
        List<String> numbers = cases.nextCaseSequences(fresh.size());
        Instant now = CaseClock.now();
        List<CaseReport> newCases = new ArrayList<>(fresh.size());
        List<CaseVersion> newVersions = new ArrayList<>(stored.size());
        List<ImportRows.Changed> moved = new ArrayList<>(changed.size());
        for (int i = 0; i < fresh.size(); i++) {
            ImportedCase imported = fresh.get(i);
            Instant received = imported.receivedAt().truncatedTo(ChronoUnit.MICROS);
            CaseReport c = new CaseReport();
            c.caseNumber = caseNumbers.format(received, numbers.get(i));
            c.status = CaseStatus.ACTIVE;
            c.currentVersion = 1;
            c.source = source;
            c.externalId = imported.externalId();
            c.receivedAt = received;
            c.updatedAt = now;
            c.submittedBy = submittedBy;
            c.sourceDigest = imported.digest();
            newCases.add(c);
            CaseVersion v = CaseMapper.toVersion(imported.report(), c, 1, VersionType.INITIAL, received);
            v.submittedBy = submittedBy;
            newVersions.add(v);
            int problems = noteQuality(quality, v, imported, today);
            outcomes.add(new ImportOutcome(imported.externalId(), c.caseNumber, ImportResult.STORED, problems));
        }
        for (ImportedCase imported : changed) {
            CaseReportRepository.Present c = present.get(imported.externalId());
            CaseReport ref = new CaseReport();
            ref.id = c.id();
            int next = c.currentVersion() + 1;
            CaseVersion v = CaseMapper.toVersion(imported.report(), ref, next, VersionType.FOLLOW_UP, now);
            v.submittedBy = submittedBy;
            newVersions.add(v);
            moved.add(new ImportRows.Changed(c.id(), next, now, imported.digest()));
            int problems = noteQuality(quality, v, imported, today);
            outcomes.add(new ImportOutcome(imported.externalId(), c.caseNumber(), ImportResult.UPDATED, problems));
        }
        mark = phase(phases, "build cases", mark);
        if (Boolean.getBoolean(ORM_WRITER)) {
            writeWithOrm(newCases, moved, newVersions);
            mark = phase(phases, "insert cases", mark);
            versions.addDataQuality(quality);
        } else {
            cases.flush();
            org.hibernate.Session session = cases.getEntityManager().unwrap(org.hibernate.Session.class);
            session.doWork(c -> ImportRows.write(c, newCases, moved, newVersions));
            mark = phase(phases, "insert cases", mark);
            session.doWork(c -> ImportRows.insertDataQuality(c, quality));
        }
        phase(phases, "data quality", mark);
        metrics.counter("kaers.reports.received", "source", source.name(), "type", VersionType.INITIAL.name())
                .increment(fresh.size());
        metrics.counter("kaers.reports.received", "source", source.name(), "type", VersionType.FOLLOW_UP.name())
                .increment(changed.size());
        return new ImportBatch(outcomes, grown, phases);
    }

    /**
     * Codes the reaction texts and product names of a batch in a transaction of its own (committed when this returns),
     * so that an importer can code its next batch while the previous one is stored: {@link #importBatch} then finds
     * them coded. Coding is idempotent and codings without cases change no count.
     *
     * @return the products that gained a spelling (for {@link #nameProductsAfterTheirMostFrequentSpelling})
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Set<Long> codeBatch(List<ImportedCase> batch) {
        return codeTexts(batch);
    }

    /** Codes the batch's reaction texts, then its product names; returns the products that gained a spelling. */
    private java.util.Set<Long> codeTexts(List<ImportedCase> batch) {
        symptomCoder.ensureCoded(batch.stream()
                .flatMap(c -> c.report().reactions().stream())
                .map(CaseReportRequest.Reaction::verbatim)
                .distinct()
                .toList());
        return productCoder.ensureCoded(batch.stream()
                .flatMap(c -> c.report().products().stream())
                .map(CaseReportRequest.Product::name)
                .distinct()
                .toList());
    }

    /**
     * System property that makes imports write their cases through the ORM (an entity per row) instead of
     * {@link ImportRows}: the way before issue 12's bulk writer, kept so that {@code CaersImportBenchmark} can
     * measure both in one run. Not a setting for operators.
     */
    public static final String ORM_WRITER = "kaers.imports.orm-writer";

    private void writeWithOrm(
            List<CaseReport> newCases, List<ImportRows.Changed> moved, List<CaseVersion> newVersions) {
        newCases.forEach(cases::persist);
        Map<Long, ImportRows.Changed> byId = new java.util.HashMap<>();
        moved.forEach(m -> byId.put(m.id(), m));
        for (CaseVersion v : newVersions) {
            ImportRows.Changed m = byId.get(v.caseReport.id);
            if (m != null && v.caseReport.caseNumber == null) {
                CaseReport managed = cases.findById(m.id());
                managed.currentVersion = m.currentVersion();
                managed.updatedAt = m.updatedAt();
                managed.sourceDigest = m.sourceDigest();
                v.caseReport = managed;
            }
            versions.persist(v);
        }
        versions.flush();
    }

    private static long phase(Map<String, Long> phases, String name, long since) {
        long now = System.nanoTime();
        phases.merge(name, now - since, Long::sum);
        return now;
    }

    /**
     * What a batch did, and the products that gained a spelling in it: once the import is done, those are named
     * after their most frequent spelling ({@link #nameProductsAfterTheirMostFrequentSpelling}). {@code phaseNanos}:
     * the time of each phase of the batch (before the commit), for the import's log.
     */
    public record ImportBatch(
            List<ImportOutcome> outcomes, java.util.Set<Long> productsWithNewSpellings, Map<String, Long> phaseNanos) {}

    /** Names each uncurated product among these after its most frequent spelling (after an import). */
    @Transactional
    public void nameProductsAfterTheirMostFrequentSpelling(java.util.Collection<Long> productIds) {
        productCoder.renameToMostFrequentSpelling(productIds);
    }

    /** The importer's findings plus the submission rules the case breaks, listed with the version. */
    private static int noteQuality(
            Map<CaseVersion, List<Violation>> quality, CaseVersion v, ImportedCase imported, LocalDate today) {
        List<Violation> problems = new ArrayList<>(imported.dataQuality());
        problems.addAll(CaseReportRules.check(imported.report(), today));
        if (!problems.isEmpty()) {
            quality.put(v, problems);
        }
        return problems.size();
    }
}
