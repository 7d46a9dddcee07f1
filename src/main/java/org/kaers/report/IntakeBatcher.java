package org.kaers.report;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.report.model.CaseReceived;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.security.AuditLog;
import org.kaers.vocabulary.CodingLookup;
import org.kaers.vocabulary.ProductCoder;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Submissions written in groups (issue 16): a request thread validates its report, fingerprints it and queues it
 * ({@link #submit}); a writer thread takes every queued submission, up to {@code max-size}, and stores them in ONE
 * transaction: the Idempotency-Key claims in one insert ({@link IdempotencyStore#claimAll}, the same rule and SQL as a
 * single request's claim), the case numbers in one statement, the reaction texts and product names coded once for
 * the batch, the rows by COPY ({@link ImportRows}, as imports write them, so the tables' triggers queue the
 * statistics and the duplicate screening as they do for an insert), the keys' results in one update
 * ({@link IdempotencyStore#completeAll}) and each stored case's audit row in one insert, then the commit. Only after
 * the commit is a request's answer completed (201 with its case): nothing is acknowledged that is not durable. A
 * submission whose key was claimed before is answered from the stored claim (a replay, or 422 for another body) and
 * stores nothing; a key twice in one batch goes to the next batch, where the first one's claim is committed and the
 * second is its replay. When the batch fails, its submissions are written again one by one, each in its own
 * transaction, so that a bad one fails alone.
 * {@code kaers.intake.batch.enabled=false} brings back one ORM transaction per submission
 * ({@link CaseReportService#submit}).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
class IntakeBatcher {

    private static final Logger LOG = Logger.getLogger(IntakeBatcher.class);

    /** Settings of the batched intake (README, "Load and faults"). */
    @ConfigMapping(prefix = "kaers.intake.batch")
    interface Config {
        /** Whether submissions (POST /api/v1/reports) are written in batches; false: a transaction each. */
        @WithDefault("true")
        boolean enabled();

        /** Most submissions in one transaction. */
        @WithDefault("64")
        int maxSize();

        /** Writer threads (each writes one batch at a time, on one pooled connection). */
        @WithDefault("2")
        int writers();
    }

    /** A validated submission waiting for its batch; {@code claim} is null without an Idempotency-Key. */
    record Submission(
            CaseReportRequest report,
            String subject,
            IdempotencyStore.Claim claim,
            AuditLog.Entry audit,
            CompletableFuture<Outcome> answer,
            long queuedNanos) {

        /** A submission made to be queued at once: its queue wait ({@code System.nanoTime}) counts from here. */
        Submission(
                CaseReportRequest report,
                String subject,
                IdempotencyStore.Claim claim,
                AuditLog.Entry audit,
                CompletableFuture<Outcome> answer) {
            this(report, subject, claim, audit, answer, System.nanoTime());
        }
    }

    /** What became of a submission. */
    sealed interface Outcome {}

    /** Stored: its case as stored. */
    record Written(CaseReportView view) implements Outcome {}

    /** The key's first request stored this: the request is its replay. */
    record Replayed(String caseNumber, int version) implements Outcome {}

    private final Config config;
    private final EntityManager em;
    private final CaseNumbers caseNumbers;
    private final IdempotencyStore idempotency;
    private final SymptomCoder symptomCoder;
    private final ProductCoder productCoder;
    private final CodingLookup codings;
    private final MeterRegistry metrics;
    private final Event<CaseReceived> received;
    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private final Object taking = new Object();
    private final DistributionSummary batchSizes;
    private final Timer queueWait;
    private final Timer statements;
    private final Timer commit;
    /** For tests: while set, the writer that took the first submission waits before it takes the rest. */
    private volatile CountDownLatch gate;

    private final AtomicInteger atGate = new AtomicInteger();

    IntakeBatcher(
            Config config,
            EntityManager em,
            CaseNumbers caseNumbers,
            IdempotencyStore idempotency,
            SymptomCoder symptomCoder,
            ProductCoder productCoder,
            CodingLookup codings,
            MeterRegistry metrics,
            Event<CaseReceived> received) {
        if (config.maxSize() < 1 || config.writers() < 1) {
            throw new IllegalArgumentException("kaers.intake.batch.max-size and .writers must be at least 1");
        }
        this.config = config;
        this.em = em;
        this.caseNumbers = caseNumbers;
        this.idempotency = idempotency;
        this.symptomCoder = symptomCoder;
        this.productCoder = productCoder;
        this.codings = codings;
        this.metrics = metrics;
        this.received = received;
        this.batchSizes = DistributionSummary.builder("kaers.intake.batch.size")
                .description("Submissions written in one transaction by the batched intake")
                .register(metrics);
        this.queueWait = timer(metrics, "wait", "From a submission's queueing to its batch's start (each submission)");
        this.statements = timer(metrics, "statements", "A batch's statements, from its start to before its commit");
        this.commit = timer(metrics, "commit", "A batch's commit (the deferred triggers and the WAL flush)");
        for (int i = 0; i < config.writers(); i++) {
            Thread t = new Thread(this::drain, "kaers-intake-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    private static Timer timer(MeterRegistry metrics, String name, String description) {
        return Timer.builder("kaers.intake.batch." + name)
                .description(description)
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    boolean enabled() {
        return config.enabled() && running;
    }

    /** Queues a validated submission and waits for its outcome (after its batch's commit). */
    Outcome submit(Submission s) {
        queue.add(s);
        try {
            while (true) {
                try {
                    return s.answer().get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!running && writers.stream().noneMatch(Thread::isAlive) && queue.remove(s)) {
                        write(List.of(s)); // queued after the writers stopped (shutdown): written here
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the submission was written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("submission not stored", e.getCause());
        }
    }

    /** For tests: the writers take no batch until {@link #resume}; what is queued meanwhile goes into one. */
    void pause() {
        gate = new CountDownLatch(1);
    }

    void resume() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** For tests: submissions queued and not yet in a batch. */
    int waiting() {
        return queue.size() + atGate.get();
    }

    /** Stops taking batches once the queue is empty (at shutdown; later submissions take the ORM path). */
    @PreDestroy
    void stop() {
        running = false;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drain() {
        List<Submission> carried = new ArrayList<>();
        while (running || !queue.isEmpty() || !carried.isEmpty()) {
            List<Submission> batch = new ArrayList<>(carried);
            carried.clear();
            try {
                // One writer takes at a time: what is queued when it takes goes into one batch.
                synchronized (taking) {
                    if (batch.isEmpty()) {
                        Submission first = queue.poll(200, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                    }
                    CountDownLatch paused = gate;
                    if (paused != null) {
                        atGate.addAndGet(batch.size());
                        try {
                            paused.await();
                        } finally {
                            atGate.addAndGet(-batch.size());
                        }
                    }
                    queue.drainTo(batch, Math.max(0, config.maxSize() - batch.size()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(s -> s.answer().completeExceptionally(e));
                return;
            }
            // A key twice in one batch: the later ones wait for the next batch, which sees the first one's claim.
            Set<String> keys = new HashSet<>();
            List<Submission> now = new ArrayList<>(batch.size());
            for (Submission s : batch) {
                if (s.claim() != null && !keys.add(s.claim().key())) {
                    carried.add(s);
                } else {
                    now.add(s);
                }
            }
            long start = System.nanoTime();
            now.forEach(s -> queueWait.record(start - s.queuedNanos(), TimeUnit.NANOSECONDS));
            write(now);
        }
    }

    /** Writes a batch; when it fails, each of its submissions alone. Completes every submission's answer. */
    void write(List<Submission> batch) {
        Map<Submission, Outcome> outcomes;
        long start = System.nanoTime();
        long waited = 0;
        for (Submission s : batch) {
            waited = Math.max(waited, start - s.queuedNanos());
        }
        long[] statementsDone = {start};
        try {
            outcomes = QuarkusTransaction.requiringNew().call(() -> {
                Map<Submission, Outcome> o = store(batch);
                statementsDone[0] = System.nanoTime();
                return o;
            });
        } catch (RuntimeException e) {
            if (batch.size() == 1 || outcomeUnknown(e)) {
                // A lost connection or commit may have stored the batch: not written again (a retry with the
                // Idempotency-Key tells), each request answered with the failure (503).
                batch.forEach(s -> s.answer().completeExceptionally(e));
            } else {
                LOG.infof(
                        "a batch of %d submissions failed (%s); writing them one by one",
                        batch.size(), org.kaers.common.FailureLog.describe(e));
                batch.forEach(s -> write(List.of(s)));
            }
            return;
        } catch (Error e) {
            batch.forEach(s -> s.answer().completeExceptionally(e));
            throw e;
        }
        long committed = System.nanoTime();
        statements.record(statementsDone[0] - start, TimeUnit.NANOSECONDS);
        commit.record(committed - statementsDone[0], TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        int stored = 0;
        for (Submission s : batch) {
            Outcome o = outcomes.get(s);
            if (o instanceof Refused r) {
                s.answer().completeExceptionally(r.problem());
            } else {
                stored += o instanceof Written ? 1 : 0;
                s.answer().complete(o);
            }
        }
        if (stored > 0 && LOG.isDebugEnabled()) {
            // DEBUG: at hundreds of submissions a second the line cost 7 % of the writer's CPU (JFR, issue 16); the
            // kaers.intake.batch.* timers give the same figures, the audit trail each stored case
            LOG.debugf(
                    "%d case(s) received in one batch of %d (version 1; longest queued %.1f ms, statements %.1f ms, "
                            + "commit %.1f ms): %s",
                    stored,
                    batch.size(),
                    waited / 1e6,
                    (statementsDone[0] - start) / 1e6,
                    (committed - statementsDone[0]) / 1e6,
                    String.join(
                            " ",
                            batch.stream()
                                    .map(outcomes::get)
                                    .filter(Written.class::isInstance)
                                    .map(o -> ((Written) o).view().caseNumber())
                                    .toList()));
        }
        if (stored > 0) {
            metrics.counter(
                            "kaers.reports.received",
                            "source",
                            CaseSource.DIRECT.name(),
                            "type",
                            VersionType.INITIAL.name())
                    .increment(stored);
        }
    }

    /** Whether the batch may have been committed after all: the connection or the commit itself failed. */
    static boolean outcomeUnknown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.transaction.HeuristicMixedException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Refused without storing anything (the key was used for another request). */
    private record Refused(ApiProblem problem) implements Outcome {}

    private Map<Submission, Outcome> store(List<Submission> batch) {
        Map<Submission, Outcome> outcomes = new IdentityHashMap<>();
        Session session = em.unwrap(Session.class);
        Instant now = CaseClock.now();
        List<IdempotencyStore.Claim> claims = new ArrayList<>();
        Map<String, Submission> byKey = new HashMap<>();
        for (Submission s : batch) {
            if (s.claim() != null) {
                claims.add(s.claim());
                byKey.put(s.claim().key(), s);
            }
        }
        idempotency
                .claimAll(claims)
                .forEach((key, earlier) -> outcomes.put(
                        byKey.get(key),
                        earlier instanceof IdempotencyStore.Replay r
                                ? new Replayed(r.caseNumber(), r.version())
                                : new Refused(IdempotencyStore.keyReused())));
        List<Submission> fresh =
                batch.stream().filter(s -> !outcomes.containsKey(s)).toList();
        if (fresh.isEmpty()) {
            return outcomes;
        }
        List<CaseReport> newCases = new ArrayList<>(fresh.size());
        List<CaseVersion> versions = new ArrayList<>(fresh.size());
        Set<String> verbatims = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < fresh.size(); i++) {
            Submission s = fresh.get(i);
            CaseReport c = new CaseReport();
            c.status = CaseStatus.ACTIVE;
            c.currentVersion = 1;
            c.source = CaseSource.DIRECT;
            c.receivedAt = now;
            c.updatedAt = now;
            c.submittedBy = s.subject();
            newCases.add(c);
            CaseVersion v = CaseMapper.toVersion(s.report(), c, 1, VersionType.INITIAL, now);
            v.submittedBy = s.subject();
            versions.add(v);
            s.report().reactions().forEach(r -> verbatims.add(r.verbatim()));
            s.report().products().forEach(p -> names.add(p.name()));
        }
        // Coded before the rows are written, as imports do (the triggers of case_version read the codings).
        symptomCoder.ensureCoded(verbatims);
        productCoder.ensureCoded(names);
        session.doWork(c -> {
            // the case numbers in the ids' statement (one round trip fewer a batch, issue 16)
            ImportRows.write(
                    c,
                    newCases,
                    List.of(),
                    versions,
                    (x, sequence) -> x.caseNumber = caseNumbers.format(now, String.valueOf(sequence)));
            List<AuditLog.Entry> audit = new ArrayList<>(fresh.size());
            for (Submission s : fresh) {
                if (s.audit() != null) {
                    audit.add(s.audit());
                }
            }
            AuditLog.insertAll(c, audit);
        });
        List<IdempotencyStore.Completion> completed = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (fresh.get(i).claim() != null) {
                completed.add(
                        new IdempotencyStore.Completion(fresh.get(i).claim().key(), newCases.get(i).caseNumber, 1));
            }
        }
        idempotency.completeAll(completed);
        CodingLookup.Codings coded = codings.of(verbatims, names);
        Map<String, CodingLookup.ReactionCoding> reactionCodes = coded.reactions();
        Map<String, CodingLookup.ProductCoding> productCodes = coded.products();
        for (int i = 0; i < fresh.size(); i++) {
            CaseReport c = newCases.get(i);
            received.fire(new CaseReceived(c.id, c.caseNumber));
            outcomes.put(
                    fresh.get(i),
                    new Written(CaseMapper.toView(c, versions.get(i), reactionCodes, productCodes, null)));
        }
        return outcomes;
    }
}
