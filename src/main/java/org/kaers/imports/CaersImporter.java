package org.kaers.imports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.kaers.common.Violation;
import org.kaers.imports.CaersLayout.Field;
import org.kaers.report.CaseImports;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Imports an FDA CAERS export (any of its layouts). Each report becomes one case (source CAERS, its report
 * number kept as the external id, received on its CAERS created date, reporter UNKNOWN) through the same
 * derivation and coding as a submission, in batches of {@value #BATCH} reports per transaction. The file is
 * read from disk in two passes ({@link CaersFile}), so memory does not grow with its size. A report stored
 * before is left alone when its content is the same and gets a follow-up version when it changed.
 */
@ApplicationScoped
public class CaersImporter {

    private static final Logger LOG = Logger.getLogger(CaersImporter.class);
    static final int BATCH = 500;
    /** The data-quality problem of a report whose source lists no term. */
    static final String NO_TERM = "the source lists no term; the case is kept without a reaction";

    private final ImportJobStore jobs;
    private final Validator validator;
    private final SymptomCoder symptoms;

    CaersImporter(ImportJobStore jobs, Validator validator, SymptomCoder symptoms) {
        this.jobs = jobs;
        this.validator = validator;
        this.symptoms = symptoms;
    }

    /** The import was cancelled (the job row asked for it). */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** The tables each running import analyzed quickly as they grew ({@link #analyzeFully}). */
    private final Map<UUID, Set<String>> quicklyAnalyzed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * After an import has ended (its job row final): full statistics for the tables it analyzed quickly as they grew
     * ({@link org.kaers.common.GrowingTables#analyzeGrown}); maintenance outside the import's time, whose failure
     * is logged and changes nothing the import stored (autovacuum analyzes them later anyway).
     */
    void analyzeFully(UUID job) {
        Set<String> tables = quicklyAnalyzed.remove(job);
        if (tables == null || tables.isEmpty()) {
            return;
        }
        try {
            jobs.analyzeFully(tables);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "import %s: tables not analyzed afterwards (%s)",
                    job, e.getClass().getSimpleName());
        }
    }

    /**
     * Runs an import job over a spooled file whose layout was recognised.
     *
     * @throws Cancelled when cancellation was requested (what was committed before stays)
     */
    ImportSummary run(UUID job, Path file, CaersLayout.Recognised layout, String submittedBy) {
        return run(job, file, layout, submittedBy, new ImportProgress());
    }

    /**
     * Runs an import job, or resumes one: with the counts of an earlier run ({@link ImportProgress#resumedAfter}
     * reports handled, committed), the file's first reports are skipped (the file hands its reports over in the
     * same order every time) and the counts go on from there.
     */
    ImportSummary run(UUID job, Path file, CaersLayout.Recognised layout, String submittedBy, ImportProgress progress) {
        long resumeAfter = progress.resumedAfter();
        if (resumeAfter > 0) {
            progress.productsWithNewSpellings()
                    .addAll(jobs.productsCodedSince(jobs.find(job).orElseThrow().createdAt()));
        }
        jobs.started(job, layout.layout(), progress);
        CaersFile.Scan scan = CaersFile.scan(file, layout);
        progress.phase("first pass");
        for (CaersFile.Problem p : resumeAfter > 0 ? List.<CaersFile.Problem>of() : scan.problems()) { // counted before
            ImportSummary.Skip skip =
                    new ImportSummary.Skip(p.line() > 0 ? p.line() : null, p.reportNumber(), p.reason());
            if (p.line() > 0) {
                progress.rowProblem(skip);
            } else {
                progress.reportLeftOut(skip);
            }
        }
        jobs.counted(job, scan.rows(), scan.reportCount(), progress);
        try (Writer writer = new Writer()) {
            Run run = new Run(job, submittedBy, progress, jobs.commaNames(), resumeAfter, writer);
            quicklyAnalyzed.put(job, run.analyzed);
            read(file, scan, run);
        }
        jobs.settleProductNames(progress);
        progress.phase("product names settled");
        LOG.infof(
                "CAERS import %s: %d rows, %d reports, %d stored, %d updated, %d unchanged, %d rejected; %s",
                job,
                scan.rows(),
                scan.reportCount(),
                progress.stored(),
                progress.updated(),
                progress.unchanged(),
                progress.reportsRejected(),
                progress.phaseTimes());
        return new ImportSummary(
                scan.rows(),
                scan.reportCount(),
                (int) progress.stored(),
                (int) progress.unchanged(),
                (int) progress.problemCount(),
                progress.listed(),
                (int) progress.updated(),
                progress.dataQuality(),
                layout.layout().name(),
                job);
    }

    /**
     * What one run of an import carries from report to report: who and what it is for, the batch being built, and
     * what it has done so far. One per run, used by the reading thread only (the writer gets copies).
     */
    private static final class Run {
        final UUID job;
        final String submittedBy;
        final ImportProgress progress;
        /** The source's names that contain ", " (kept whole when a list is split). */
        final Set<String> commaNames;
        /** Reports of the file already stored by an earlier run of this job: skipped, not read again. */
        final long resumeAfter;

        final Writer writer;
        /** The tables the writer analyzed quickly as they grew (given full statistics at the end). */
        final Set<String> analyzed = java.util.concurrent.ConcurrentHashMap.newKeySet();

        /** Terms this run has coded already (committed). */
        final Set<String> sourceCoded = new java.util.HashSet<>();

        final List<CaseImports.ImportedCase> batch = new ArrayList<>(BATCH);
        /** CAERS's own outcomes of the batch, by report number. */
        final Map<String, List<String>> reported = new HashMap<>();

        long skipped;

        Run(
                UUID job,
                String submittedBy,
                ImportProgress progress,
                Set<String> commaNames,
                long resumeAfter,
                Writer writer) {
            this.job = job;
            this.submittedBy = submittedBy;
            this.progress = progress;
            this.commaNames = commaNames;
            this.resumeAfter = resumeAfter;
            this.writer = writer;
        }
    }

    /** Reads the file's reports into batches, each coded here and stored by the run's writer, then waits for the last. */
    private void read(Path file, CaersFile.Scan scan, Run run) {
        ImportProgress progress = run.progress;
        CaersFile.reports(file, scan, rows -> {
            if (run.skipped < run.resumeAfter) {
                run.skipped++;
                return;
            }
            progress.read(rows.size());
            String number = rows.get(0).get(Field.REPORT);
            try {
                CaseImports.ImportedCase built = build(number, rows, run.commaNames, run.reported);
                String invalid = violations(built.report());
                if (invalid != null) {
                    progress.reportRejected(new ImportSummary.Skip(null, number, invalid));
                } else {
                    run.batch.add(built);
                }
            } catch (IllegalArgumentException e) {
                progress.reportRejected(new ImportSummary.Skip(rows.get(0).line(), number, e.getMessage()));
            }
            if (run.batch.size() == BATCH) {
                flush(run);
            }
        });
        flush(run);
        run.writer.await();
        progress.phase("waiting for the writer");
    }

    /**
     * Closes a batch: codes its terms and names (committed on their own), waits until the writer has stored the
     * previous batch (so at most two batches are in memory and batches are stored in file order), and hands this
     * one over with the counts read so far. Coding the next batch and storing this one then run at once, on two
     * connections: the two cores work on the import together (README, Benchmarks).
     */
    private void flush(Run run) {
        ImportProgress progress = run.progress;
        progress.phase("read and build");
        // FDA's terms are MedDRA preferred terms, already coded: exact synonym or their own term, never corrected.
        // Each once per import (most terms recur in every batch); ensureSourceCoded commits on its own.
        List<String> terms = run.batch.stream()
                .flatMap(c -> c.report().reactions().stream())
                .map(CaseReportRequest.Reaction::verbatim)
                .filter(t -> !run.sourceCoded.contains(t))
                .distinct()
                .toList();
        symptoms.ensureSourceCoded(terms);
        run.sourceCoded.addAll(terms);
        progress.phase("source term coding");
        // CAERS's own outcome list, per case (every report of the batch: a re-import fills in what is missing),
        // recorded in the batch's transaction.
        Map<String, List<String>> listed = new HashMap<>();
        run.batch.forEach(c -> listed.put(c.externalId(), run.reported.getOrDefault(c.externalId(), List.of())));
        List<CaseImports.ImportedCase> closed = List.copyOf(run.batch);
        run.reported.clear();
        run.batch.clear();
        progress.productsWithNewSpellings().addAll(jobs.codeBatch(closed));
        progress.phase("product and term coding");
        run.writer.await();
        progress.phase("waiting for the writer");
        ImportProgress.Read read = progress.readSoFar();
        UUID job = run.job;
        String submittedBy = run.submittedBy;
        Set<String> analyzed = run.analyzed;
        run.writer.submit(() -> {
            long start = System.nanoTime();
            boolean cancel = jobs.storeBatch(job, closed, listed, submittedBy, progress, read);
            progress.timed("store batch and job row", System.nanoTime() - start);
            analyzed.addAll(jobs.analyzeGrown(progress));
            return cancel;
        });
    }

    /**
     * The writer of one import: stores its batches one at a time and in order on a thread of its own, while the
     * reader codes the next batch. A failure of a store reaches the reader at its next hand-over.
     */
    private static final class Writer implements AutoCloseable {

        private final java.util.concurrent.ExecutorService thread =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "kaers-import-writer");
                    t.setDaemon(true);
                    return t;
                });
        private java.util.concurrent.Future<Boolean> pending;

        /** Waits for the batch being stored: throws what its store threw, or {@link Cancelled} when it asked to stop. */
        void await() {
            java.util.concurrent.Future<Boolean> stored = pending;
            pending = null;
            if (stored == null) {
                return;
            }
            boolean cancel;
            try {
                cancel = stored.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the import was interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
            if (cancel) {
                throw new Cancelled();
            }
        }

        void submit(java.util.concurrent.Callable<Boolean> store) {
            if (pending != null) {
                throw new IllegalStateException("a batch is being stored");
            }
            pending = thread.submit(store);
        }

        /** Waits for a store still running (after a failure of the reader), so the job's row is final when it ends. */
        @Override
        public void close() {
            try {
                if (pending != null) {
                    pending.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // the reader's own failure is the one reported
            } finally {
                thread.shutdown();
            }
        }
    }

    /** The same single-field rules as a submission (Bean Validation); the first broken one, or null. */
    private String violations(CaseReportRequest report) {
        Set<ConstraintViolation<CaseReportRequest>> found = new java.util.HashSet<>(validator.validate(report));
        // A submission needs a reaction; a public report without a term is kept (a data-quality problem, above).
        found.removeIf(v ->
                report.reactions().isEmpty() && v.getPropertyPath().toString().equals("reactions"));
        if (found.isEmpty()) {
            return null;
        }
        ConstraintViolation<CaseReportRequest> v = found.stream()
                .min((a, b) -> a.getPropertyPath()
                        .toString()
                        .compareTo(b.getPropertyPath().toString()))
                .orElseThrow();
        return v.getPropertyPath() + ": " + v.getMessage();
    }

    /** One case from the rows of one report; IllegalArgumentException when a value makes it unreadable. */
    CaseImports.ImportedCase build(String number, List<CaersFile.Row> rows, Set<String> commaNames) {
        return build(number, rows, commaNames, new HashMap<>());
    }

    /** As {@link #build(String, List, Set)}, noting the report's CAERS outcomes in {@code reported}. */
    private CaseImports.ImportedCase build(
            String number, List<CaersFile.Row> rows, Set<String> commaNames, Map<String, List<String>> reported) {
        CaersFile.Row first = rows.get(0);
        List<Violation> quality = new ArrayList<>();
        LocalDate created = CaersMapping.date(first.get(Field.CREATED));
        if (created == null) {
            throw new IllegalArgumentException("no CAERS created date");
        }
        LocalDate eventStart = CaersMapping.date(first.get(Field.EVENT_START));
        BigDecimal ageValue;
        try {
            ageValue = CaersMapping.age(first.get(Field.AGE));
        } catch (IllegalArgumentException e) {
            quality.add(Violation.body("patient.age.value", e.getMessage() + "; no age taken"));
            ageValue = null;
        }
        var ageUnit = CaersMapping.ageUnit(first.get(Field.AGE_UNIT), quality);
        CaseReportRequest.Age age =
                ageValue != null && ageUnit != null ? new CaseReportRequest.Age(ageValue, ageUnit) : null;

        Set<String> outcomes = new LinkedHashSet<>();
        Set<String> symptomList = new LinkedHashSet<>();
        // Rows that repeat a report, product and role (FDA's extract has them, with the terms reordered) are one.
        Map<String, CaseReportRequest.Product> products = new LinkedHashMap<>();
        Set<String> industries = new LinkedHashSet<>();
        for (CaersFile.Row row : rows) {
            outcomes.addAll(CaersMapping.list(row.get(Field.OUTCOMES)));
            symptomList.addAll(symptoms(row.get(Field.SYMPTOMS), commaNames));
            ProductRole role = CaersMapping.role(row.get(Field.ROLE));
            String name = row.get(Field.PRODUCT).isEmpty() ? "UNKNOWN" : row.get(Field.PRODUCT);
            products.putIfAbsent(
                    role + "\u0000" + name,
                    new CaseReportRequest.Product(
                            role, name, null, null, null, null, null, null, null, null, null, null, null, null, null,
                            null, null, null, null));
            String industry = (row.get(Field.INDUSTRY_CODE) + " " + row.get(Field.INDUSTRY_NAME)).strip();
            if (!industry.isEmpty()) {
                industries.add(industry);
            }
        }
        if (symptomList.isEmpty()) {
            // FDA has reports with no coded symptom: the report is kept (its products and outcomes count), without
            // a reaction, and the missing term is a data-quality problem of the case.
            quality.add(Violation.body("reactions", NO_TERM));
        }
        Set<SeriousnessCriterion> criteria = CaersMapping.criteria(List.copyOf(outcomes), quality);
        reported.put(number, List.copyOf(outcomes));
        // CAERS outcomes are per report: with DEATH every reaction is FATAL (it does not say which one was).
        ReactionOutcome outcome =
                criteria.contains(SeriousnessCriterion.DEATH) ? ReactionOutcome.FATAL : ReactionOutcome.UNKNOWN;
        List<CaseReportRequest.Reaction> reactions = symptomList.stream()
                .map(s -> new CaseReportRequest.Reaction(s, eventStart, outcome))
                .toList();
        String narrative = "Imported from FDA CAERS report " + number + ". CAERS outcomes: "
                + (outcomes.isEmpty() ? "none" : String.join(", ", outcomes))
                + (industries.isEmpty() ? "." : ". FDA industry: " + String.join("; ", industries) + ".");
        String gender = first.get(Field.GENDER);
        CaseReportRequest report = new CaseReportRequest(
                new CaseReportRequest.Reporter(ReporterQualification.UNKNOWN, null, null, null),
                new CaseReportRequest.Patient(null, age, null, CaersMapping.sex(gender, quality), null, null),
                List.copyOf(products.values()),
                reactions,
                List.copyOf(criteria),
                null,
                List.of(),
                narrative);
        String digest = digest(
                created,
                eventStart,
                first.get(Field.AGE),
                first.get(Field.AGE_UNIT),
                gender,
                outcomes,
                symptomList,
                products.keySet(),
                industries);
        return new CaseImports.ImportedCase(
                number, created.atStartOfDay(ZoneOffset.UTC).toInstant(), report, digest, List.copyOf(quality));
    }

    /**
     * What identifies a report's content, whatever the order of its rows and list items: a later export with
     * the same digest is unchanged, with another one a follow-up.
     */
    private static String digest(
            LocalDate created,
            LocalDate eventStart,
            String age,
            String ageUnit,
            String gender,
            Set<String> outcomes,
            Set<String> symptoms,
            Set<String> products,
            Set<String> industries) {
        StringBuilder text = new StringBuilder();
        text.append(created)
                .append('\u0001')
                .append(eventStart)
                .append('\u0001')
                .append(age)
                .append('\u0001')
                .append(ageUnit.toLowerCase(Locale.ROOT))
                .append('\u0001')
                .append(gender.toLowerCase(Locale.ROOT));
        for (Set<String> part : List.of(outcomes, symptoms, products, industries)) {
            text.append('\u0002');
            for (String s : new TreeSet<>(part)) {
                text.append(s).append('\u0001');
            }
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Splits a CAERS term list as FDA's own loader does (on commas, each piece stripped), then joins two
     * neighbouring pieces back only when the joined text, comma included, is itself a name on the source's side
     * ({@code commaNames}: the vocabulary's names that contain a comma, such as HALLUCINATION, VISUAL), compared
     * as text, never after normalisation has dropped the comma: NAUSEA, VOMITING stays two terms.
     */
    static List<String> symptoms(String value, Set<String> commaNames) {
        List<String> raw = new ArrayList<>();
        for (String p : value.split(",")) {
            if (!p.isBlank()) {
                raw.add(p.strip());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String current = raw.get(i);
            if (i + 1 < raw.size()) {
                String both = current + ", " + raw.get(i + 1);
                if (commaNames.contains(both.toUpperCase(Locale.ROOT))) {
                    out.add(both);
                    i++;
                    continue;
                }
            }
            out.add(current);
        }
        return out;
    }
}
