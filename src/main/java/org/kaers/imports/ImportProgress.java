package org.kaers.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kaers.report.CaseImports;

/**
 * The running counts of one import, as the job row and the summary show them. Two threads update it: the reader
 * (rows read, reports rejected, problems listed) and the writer (reports stored, unchanged, updated); the job row of a
 * batch is written with the reader's counts as they were when that batch was closed ({@link #readSoFar}), so that
 * after a crash the row never counts a report of a batch that was not committed.
 */
final class ImportProgress {

    static final int MAX_LISTED = 1000;

    private final Instant startedAt = Instant.now();
    /** The reports earlier runs of a resumed job handled: the file's first ones, skipped now. */
    private final long resumedAfter;

    ImportProgress() {
        resumedAfter = 0;
    }

    /** The counts of a job as its row says (after its last committed batch), for resuming it. */
    ImportProgress(ImportJobView job) {
        rowsRead = job.rowsRead();
        reportsRead = job.reportsRead();
        stored = job.reportsStored();
        unchanged = job.reportsUnchanged();
        updated = job.reportsUpdated();
        reportsRejected = job.reportsRejected();
        rowsRejected = job.rowsRejected();
        dataQuality = job.dataQualityProblems();
        problemCount = reportsRejected + rowsRejected; // each problem is a rejected row or report
        lastReport = job.lastReport();
        listed.addAll(job.problems());
        resumedAfter = reportsRead;
    }

    /** The reports handed over before (those of an earlier run of a resumed job); 0 for a fresh job. */
    synchronized long resumedAfter() {
        return resumedAfter;
    }

    private long rowsRead;
    private long reportsRead;
    private long stored;
    private long unchanged;
    private long updated;
    private long reportsRejected;
    private long rowsRejected;
    private long dataQuality;
    private long problemCount;
    private String lastReport;
    private final List<ImportSummary.Skip> listed = new ArrayList<>();
    private int listedWritten = -1;
    private final java.util.Set<Long> productsWithNewSpellings = new java.util.HashSet<>();
    /** Time spent in each phase of the import, in nanoseconds (for the log: where an import spends its time). */
    private final java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();

    private long mark = System.nanoTime();

    /** Adds the time since the last phase ended to {@code phase}. */
    synchronized void phase(String phase) {
        long now = System.nanoTime();
        phases.merge(phase, now - mark, Long::sum);
        mark = now;
    }

    /** Adds time measured elsewhere (by the writer) to {@code phase}. */
    synchronized void timed(String phase, long nanos) {
        phases.merge(phase, nanos, Long::sum);
    }

    /** Adds phases timed elsewhere (the store's), which lie inside {@code within}: that one is charged the rest. */
    synchronized void phases(java.util.Map<String, Long> timed, String within) {
        timed.forEach((k, v) -> {
            phases.merge(k, v, Long::sum);
            phases.merge(within, -v, Long::sum);
        });
    }

    /** "phase 1.2 s, ..." in order of first appearance. */
    synchronized String phaseTimes() {
        StringBuilder out = new StringBuilder();
        phases.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ")
                .append(k)
                .append(String.format(java.util.Locale.ROOT, " %.1f s", v / 1e9)));
        return out.toString();
    }

    synchronized java.util.Set<Long> productsWithNewSpellings() {
        return productsWithNewSpellings;
    }

    synchronized void rowProblem(ImportSummary.Skip skip) {
        rowsRejected++;
        list(skip);
    }

    synchronized void reportRejected(ImportSummary.Skip skip) {
        reportsRejected++;
        list(skip);
    }

    /** A whole report left out because one of its rows could not be read (its row was counted already). */
    synchronized void reportLeftOut(ImportSummary.Skip skip) {
        reportsRejected++;
        list(skip);
    }

    private void list(ImportSummary.Skip skip) {
        problemCount++;
        if (listed.size() < MAX_LISTED) {
            listed.add(skip);
        }
    }

    synchronized void read(int rows) {
        rowsRead += rows;
        reportsRead++;
    }

    synchronized void add(List<CaseImports.ImportOutcome> outcomes) {
        for (CaseImports.ImportOutcome o : outcomes) {
            switch (o.result()) {
                case STORED -> stored++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            dataQuality += o.dataQualityProblems();
            lastReport = o.externalId();
        }
    }

    synchronized Instant startedAt() {
        return startedAt;
    }

    synchronized long rowsRead() {
        return rowsRead;
    }

    synchronized long reportsRead() {
        return reportsRead;
    }

    synchronized long stored() {
        return stored;
    }

    synchronized long unchanged() {
        return unchanged;
    }

    synchronized long updated() {
        return updated;
    }

    synchronized long reportsRejected() {
        return reportsRejected;
    }

    synchronized long rowsRejected() {
        return rowsRejected;
    }

    synchronized long dataQuality() {
        return dataQuality;
    }

    synchronized long problemCount() {
        return problemCount;
    }

    synchronized String lastReport() {
        return lastReport;
    }

    /** Whether problems were listed since the last call (the job row's list needs writing). */
    synchronized boolean listedGrew() {
        return listedGrew(listed.size());
    }

    /** Whether the first {@code upTo} problems differ from those the job row holds; they are then written. */
    synchronized boolean listedGrew(int upTo) {
        boolean grew = upTo != listedWritten;
        listedWritten = upTo;
        return grew;
    }

    synchronized List<ImportSummary.Skip> listed() {
        return List.copyOf(listed);
    }

    /** The first {@code upTo} problems listed. */
    synchronized List<ImportSummary.Skip> listed(int upTo) {
        return List.copyOf(listed.subList(0, Math.min(upTo, listed.size())));
    }

    /** What the reader had counted when a batch was closed: the job row of that batch says this much was read. */
    record Read(long rowsRead, long reportsRead, long reportsRejected, long rowsRejected, int listed) {}

    synchronized Read readSoFar() {
        return new Read(rowsRead, reportsRead, reportsRejected, rowsRejected, listed.size());
    }
}
