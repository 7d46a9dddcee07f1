package org.kaers.report;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.model.CaseReceived;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.vocabulary.ProductCoder;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Case intake and the case life cycle (E2B): submit, follow up or amend (a new immutable version each),
 * nullification is {@link CaseNullification}, reads {@link CaseReads}, imports {@link CaseImports}.
 * Owns the transactions. Logs case numbers and versions only.
 */
@ApplicationScoped
public class CaseReportService {

    private static final Logger LOG = Logger.getLogger(CaseReportService.class);

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
    private final IntakeBatcher batcher;
    private final org.kaers.security.AuditedRequest audited;

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
            IntakeBatcher batcher,
            org.kaers.security.AuditedRequest audited) {
        this.batcher = batcher;
        this.audited = audited;
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

    /**
     * A submission through the API (POST /api/v1/reports): validated here, on the request thread, then written in a
     * batch with other requests' ({@link IntakeBatcher}, answered after the batch's commit), or, with
     * {@code kaers.intake.batch.enabled=false}, in a transaction of its own ({@link #submit(CaseReportRequest,
     * String)}). Either way the same rules, the same rows, the same answer. {@code path}: the request's canonical
     * path, for its audit row (written with the case when batched).
     */
    public Stored submitReport(CaseReportRequest report, String idempotencyKey, String path) {
        if (!batcher.enabled()) {
            return submit(report, idempotencyKey);
        }
        IdempotencyStore.validateKey(idempotencyKey);
        requireValid(report);
        String subject = caller.subject();
        IdempotencyStore.Claim claim = idempotencyKey == null
                ? null
                : idempotency.claimFor(subject, idempotencyKey, IdempotencyStore.createOperation(subject), report);
        IntakeBatcher.Outcome outcome = batcher.submit(new IntakeBatcher.Submission(
                report,
                subject,
                claim,
                audited.entry("POST", path, 201),
                new java.util.concurrent.CompletableFuture<>()));
        if (outcome instanceof IntakeBatcher.Replayed r) {
            return new Stored(reads.read(r.caseNumber(), r.version()), true);
        }
        audited.recorded(201);
        return new Stored(((IntakeBatcher.Written) outcome).view(), false);
    }

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
            Optional<IdempotencyStore.Replay> replay = idempotency.claim(
                    caller.subject(), idempotencyKey, IdempotencyStore.createOperation(caller.subject()), report);
            if (replay.isPresent()) {
                return new Stored(
                        reads.read(replay.get().caseNumber(), replay.get().version()), true);
            }
        }
        Instant now = CaseClock.now();
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
                return new Stored(
                        reads.read(replay.get().caseNumber(), replay.get().version()), true);
            }
        }
        CaseReport c = visible(cases.lockByCaseNumber(caseNumber), caseNumber);
        if (c.status == CaseStatus.NULLIFIED) {
            throw new ApiProblem(
                    ProblemType.ALREADY_NULLIFIED,
                    "case " + caseNumber + " is nullified and takes no further versions");
        }
        EntityTags.requireMatch(ifMatch, c.currentVersion);
        Instant now = CaseClock.now();
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
        List<Violation> violations = CaseReportRules.check(report, CaseClock.today());
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }

    private static ApiProblem unknownCase(String caseNumber) {
        return CaseViews.unknownCase(caseNumber);
    }
}
