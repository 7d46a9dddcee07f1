package org.kaers.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.kaers.report.CaseReportService;

/** The running counts of one import, as the job row and the summary show them. */
final class ImportProgress {

    static final int MAX_LISTED = 1000;

    private final Instant startedAt = Instant.now();
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
    private final java.util.Set<Long> productsWithNewSpellings = new java.util.HashSet<>();

    java.util.Set<Long> productsWithNewSpellings() {
        return productsWithNewSpellings;
    }

    void rowProblem(ImportSummary.Skip skip) {
        rowsRejected++;
        list(skip);
    }

    void reportRejected(ImportSummary.Skip skip) {
        reportsRejected++;
        list(skip);
    }

    /** A whole report left out because one of its rows could not be read (its row was counted already). */
    void reportLeftOut(ImportSummary.Skip skip) {
        reportsRejected++;
        list(skip);
    }

    private void list(ImportSummary.Skip skip) {
        problemCount++;
        if (listed.size() < MAX_LISTED) {
            listed.add(skip);
        }
    }

    void read(int rows) {
        rowsRead += rows;
        reportsRead++;
    }

    void add(List<CaseReportService.ImportOutcome> outcomes) {
        for (CaseReportService.ImportOutcome o : outcomes) {
            switch (o.result()) {
                case STORED -> stored++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
            }
            dataQuality += o.dataQualityProblems();
            lastReport = o.externalId();
        }
    }

    Instant startedAt() {
        return startedAt;
    }

    long rowsRead() {
        return rowsRead;
    }

    long reportsRead() {
        return reportsRead;
    }

    long stored() {
        return stored;
    }

    long unchanged() {
        return unchanged;
    }

    long updated() {
        return updated;
    }

    long reportsRejected() {
        return reportsRejected;
    }

    long rowsRejected() {
        return rowsRejected;
    }

    long dataQuality() {
        return dataQuality;
    }

    long problemCount() {
        return problemCount;
    }

    String lastReport() {
        return lastReport;
    }

    List<ImportSummary.Skip> listed() {
        return List.copyOf(listed);
    }
}
