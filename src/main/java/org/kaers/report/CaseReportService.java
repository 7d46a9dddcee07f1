package org.kaers.report;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.vocabulary.ProductCoder;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Case intake and the case life cycle (E2B): submit, follow up or amend (a new immutable version each),
 * nullify (irreversible); reads are {@link CaseReads} (delegated to here for the callers outside the package).
 * Owns the transactions. Logs case numbers and versions only.
 */
@ApplicationScoped
public class CaseReportService {

    private static final Logger LOG = Logger.getLogger(CaseReportService.class);
    /** Dates may not lie after today in the earliest time zone on Earth (UTC+14). */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private final CaseReportRepository cases;
    private final CaseVersionRepository versions;
    private final IdempotencyStore idempotency;
    private final CaseNumbers caseNumbers;
    private final MeterRegistry metrics;
    private final SymptomCoder symptomCoder;
    private final ProductCoder productCoder;
    private final org.kaers.security.Caller caller;
    private final jakarta.enterprise.event.Event<CaseReceived> received;
    private final CaseViews views;
    private final CaseReads reads;
    private final CaseNullification nullification;

    CaseReportService(
            CaseReportRepository cases,
            CaseVersionRepository versions,
            IdempotencyStore idempotency,
            CaseNumbers caseNumbers,
            MeterRegistry metrics,
            SymptomCoder symptomCoder,
            ProductCoder productCoder,
            org.kaers.security.Caller caller,
            jakarta.enterprise.event.Event<CaseReceived> received,
            CaseViews views,
            CaseReads reads,
            CaseNullification nullification) {
        this.nullification = nullification;
        this.views = views;
        this.reads = reads;
        this.caller = caller;
        this.received = received;
        this.symptomCoder = symptomCoder;
        this.productCoder = productCoder;
        this.cases = cases;
        this.versions = versions;
        this.idempotency = idempotency;
        this.caseNumbers = caseNumbers;
        this.metrics = metrics;
    }

    /** A stored version and whether it is the replay of an earlier request with the same Idempotency-Key. */
    public record Stored(CaseReportView view, boolean replayed) {}

    @Transactional
    public Stored submit(CaseReportRequest report, String idempotencyKey) {
        return submit(report, CaseSource.DIRECT, null, idempotencyKey);
    }

    /** Submits a case from any source; imports call this too, so every case obeys the same rules. */
    @Transactional
    public Stored submit(CaseReportRequest report, CaseSource source, String externalId, String idempotencyKey) {
        IdempotencyStore.validateKey(idempotencyKey);
        requireValid(report);
        if (idempotencyKey != null) {
            // A key is the caller's own (scoped to them): another caller's same key is another key.
            Optional<IdempotencyStore.Replay> replay =
                    idempotency.claim(caller.subject(), idempotencyKey, "CREATE by " + caller.subject(), report);
            if (replay.isPresent()) {
                return new Stored(read(replay.get().caseNumber(), replay.get().version()), true);
            }
        }
        Instant now = now();
        CaseReport c = new CaseReport();
        c.caseNumber = caseNumbers.format(now, cases.nextCaseSequence());
        c.status = CaseStatus.ACTIVE;
        c.currentVersion = 1;
        c.source = source;
        c.externalId = externalId;
        c.receivedAt = now;
        c.updatedAt = now;
        c.submittedBy = caller.subject();
        cases.persist(c);
        CaseVersion v = CaseMapper.toVersion(report, c, 1, VersionType.INITIAL, now);
        v.submittedBy = caller.subject();
        versions.persist(v);
        code(report);
        if (idempotencyKey != null) {
            idempotency.complete(caller.subject(), idempotencyKey, c.caseNumber, 1);
        }
        metrics.counter("kaers.reports.received", "source", source.name(), "type", VersionType.INITIAL.name())
                .increment();
        received.fire(new CaseReceived(c.id, c.caseNumber));
        LOG.infof("case %s received (version 1)", c.caseNumber);
        return new Stored(view(c, v), false);
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
        symptomCoder.ensureCoded(stored.stream()
                .flatMap(c -> c.report().reactions().stream())
                .map(CaseReportRequest.Reaction::verbatim)
                .distinct()
                .toList());
        mark = phase(phases, "term coding", mark);
        java.util.Set<Long> grown = productCoder.ensureCoded(stored.stream()
                .flatMap(c -> c.report().products().stream())
                .map(CaseReportRequest.Product::name)
                .distinct()
                .toList());
        mark = phase(phases, "product coding", mark);
        LocalDate today = LocalDate.now(EARLIEST_ZONE);
        Map<CaseVersion, List<Violation>> quality = new java.util.LinkedHashMap<>();
        List<String> numbers = cases.nextCaseSequences(fresh.size());
        Instant now = now();
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
        } else {
            cases.flush();
            cases.getEntityManager()
                    .unwrap(org.hibernate.Session.class)
                    .doWork(c -> ImportRows.write(c, newCases, moved, newVersions));
        }
        mark = phase(phases, "insert cases", mark);
        versions.addDataQuality(quality);
        phase(phases, "data quality", mark);
        metrics.counter("kaers.reports.received", "source", source.name(), "type", VersionType.INITIAL.name())
                .increment(fresh.size());
        metrics.counter("kaers.reports.received", "source", source.name(), "type", VersionType.FOLLOW_UP.name())
                .increment(changed.size());
        return new ImportBatch(outcomes, grown, phases);
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

    /**
     * Adds a version. {@code ifMatch} must name the current version (optimistic concurrency); a replay of
     * an earlier request with the same Idempotency-Key is answered before that check.
     */
    @Transactional
    public Stored followUp(
            String caseNumber, String ifMatch, VersionType type, CaseReportRequest report, String idempotencyKey) {
        IdempotencyStore.validateKey(idempotencyKey);
        EntityTags.requirePresent(ifMatch);
        requireValid(report);
        if (idempotencyKey != null) {
            Optional<IdempotencyStore.Replay> replay = idempotency.claim(
                    caller.subject(),
                    idempotencyKey,
                    "FOLLOW_UP " + caseNumber + " " + type + " " + ifMatch + " by " + caller.subject(),
                    report);
            if (replay.isPresent()) {
                return new Stored(read(replay.get().caseNumber(), replay.get().version()), true);
            }
        }
        CaseReport c = visible(cases.lockByCaseNumber(caseNumber), caseNumber);
        if (c.status == CaseStatus.NULLIFIED) {
            throw new ApiProblem(
                    ProblemType.ALREADY_NULLIFIED,
                    "case " + caseNumber + " is nullified and takes no further versions");
        }
        EntityTags.requireMatch(ifMatch, c.currentVersion);
        Instant now = now();
        int next = c.currentVersion + 1;
        CaseVersion v = CaseMapper.toVersion(report, c, next, type, now);
        v.submittedBy = caller.subject();
        versions.persist(v);
        code(report);
        c.currentVersion = next;
        c.updatedAt = now;
        if (idempotencyKey != null) {
            idempotency.complete(caller.subject(), idempotencyKey, c.caseNumber, next);
        }
        metrics.counter("kaers.reports.received", "source", c.source.name(), "type", type.name())
                .increment();
        LOG.infof("case %s version %d received (%s)", c.caseNumber, next, type);
        return new Stored(view(c, v), false);
    }

    /** Voids the case, irreversibly (see {@link CaseNullification#nullify}). */
    public CaseReportView nullify(String caseNumber, NullificationRequest request, String ifMatch) {
        return nullification.nullify(caseNumber, request, ifMatch);
    }

    /** The latest version of a case the caller may see (see {@link CaseReads#latest}). */
    public CaseReportView latest(String caseNumber) {
        return reads.latest(caseNumber);
    }

    /** One version of a case the caller may see (see {@link CaseReads#read}). */
    public CaseReportView read(String caseNumber, int version) {
        return reads.read(caseNumber, version);
    }

    /** The versions of a case the caller may see (see {@link CaseReads#history}). */
    public List<VersionSummary> history(String caseNumber) {
        return reads.history(caseNumber);
    }

    /** A page of the cases the caller may see (see {@link CaseReads#list}). */
    public PageResponse<CaseSummary> list(CaseFilter filter, PageRequest page) {
        return reads.list(filter, page);
    }

    /** Asks the vocabulary to code every reaction verbatim and product name of the version being stored. */
    private void code(CaseReportRequest report) {
        symptomCoder.ensureCoded(report.reactions().stream()
                .map(CaseReportRequest.Reaction::verbatim)
                .toList());
        productCoder.ensureCoded(
                report.products().stream().map(CaseReportRequest.Product::name).toList());
    }

    private CaseReportView view(CaseReport c, CaseVersion v) {
        return views.view(c, v);
    }

    private CaseVersion current(CaseReport c) {
        return views.current(c);
    }

    private CaseReport visible(Optional<CaseReport> found, String caseNumber) {
        return views.visible(found, caseNumber);
    }

    private static void requireValid(CaseReportRequest report) {
        List<Violation> violations = CaseReportRules.check(report, LocalDate.now(EARLIEST_ZONE));
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }

    private static ApiProblem unknownCase(String caseNumber) {
        return CaseViews.unknownCase(caseNumber);
    }

    /** Microsecond precision, as PostgreSQL stores it, so what is returned now equals what is read later. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
