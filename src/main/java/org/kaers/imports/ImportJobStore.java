package org.kaers.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.kaers.report.CaseImports;
import org.kaers.report.SourceOutcomes;
import org.kaers.report.model.CaseSource;

/**
 * The {@code import_job} table: one row per import, its state and counts. A batch of cases and the job's
 * counts are written in one transaction ({@link #storeBatch}), so after a crash the row says exactly what is
 * committed and where the import stopped.
 */
@ApplicationScoped
class ImportJobStore {

    private static final String COLUMNS = """
            id, state, layout, created_by, created_at, started_at, finished_at, bytes_total, rows_total, reports_total,
            rows_read, reports_read, reports_stored, reports_unchanged, reports_updated, reports_rejected,
            rows_rejected, data_quality, last_report, cancel_requested, detail, problems::text, resumed, rows_read_before""";

    private final EntityManager em;
    private final CaseImports cases;
    private final ObjectMapper json;
    private final SourceOutcomes sourceOutcomes;

    ImportJobStore(EntityManager em, CaseImports cases, ObjectMapper json, SourceOutcomes sourceOutcomes) {
        this.em = em;
        this.cases = cases;
        this.json = json;
        this.sourceOutcomes = sourceOutcomes;
    }

    @Transactional
    void create(UUID id, String createdBy, long bytes) {
        em.createNativeQuery("""
                insert into import_job (id, source, state, created_by, created_at, bytes_total)
                values (?1, 'CAERS', 'QUEUED', ?2, ?3, ?4)""")
                .setParameter(1, id)
                .setParameter(2, createdBy)
                .setParameter(3, Timestamp.from(Instant.now()))
                .setParameter(4, bytes)
                .executeUpdate();
    }

    @Transactional
    void started(UUID id, CaersLayout layout, ImportProgress progress) {
        em.createNativeQuery("""
                update import_job set state = 'RUNNING', layout = ?2, started_at = ?3, rows_read_before = ?4
                where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, layout.name())
                .setParameter(3, Timestamp.from(progress.startedAt()))
                .setParameter(4, progress.rowsRead())
                .executeUpdate();
    }

    /**
     * Queues an INTERRUPTED or FAILED job again (one caller wins when two resume it at once).
     *
     * @return false when the job is in no such state
     */
    @Transactional
    boolean requeue(UUID id) {
        return em.createNativeQuery("""
                update import_job set state = 'QUEUED', finished_at = null, detail = null, cancel_requested = false,
                    resumed = resumed + 1
                where id = ?1 and state in ('INTERRUPTED', 'FAILED')""").setParameter(1, id).executeUpdate() == 1;
    }

    /** The ids of the jobs that may be resumed (their files are kept). */
    @Transactional
    java.util.Set<UUID> resumable() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select id from import_job where state in ('INTERRUPTED', 'FAILED')")
                .getResultList();
        return java.util.Set.copyOf(ids);
    }

    /** Of the given ids, those of import jobs this database knows. */
    @Transactional
    java.util.Set<UUID> known(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> found = em.createNativeQuery("select id from import_job where id = any (cast(?1 as uuid[]))")
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        return java.util.Set.copyOf(found);
    }

    /**
     * The products whose spellings were coded since {@code since}: a resumed import names them after their most
     * frequent spelling at its end, as the run that was interrupted would have.
     */
    @Transactional
    java.util.Set<Long> productsCodedSince(Instant since) {
        @SuppressWarnings("unchecked")
        List<Number> ids =
                em.createNativeQuery("""
                select distinct product_id from product_name_coding where coded_at >= ?1 and product_id is not null""").setParameter(1, Timestamp.from(since)).getResultList();
        java.util.Set<Long> out = new java.util.HashSet<>();
        ids.forEach(n -> out.add(n.longValue()));
        return out;
    }

    /** What the first pass over the file counted. */
    @Transactional
    void counted(UUID id, long rows, long reports, ImportProgress progress) {
        em.createNativeQuery("""
                update import_job set rows_total = ?2, reports_total = ?3, rows_rejected = ?4,
                    problems = cast(?5 as jsonb) where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, rows)
                .setParameter(3, reports)
                .setParameter(4, progress.rowsRejected())
                .setParameter(5, problems(progress))
                .executeUpdate();
    }

    /**
     * Stores a batch of cases, the source's own outcome list of each ({@code listed}, by report number: every
     * report of the batch, so that a re-import fills in what is missing) and the job's counts after it in one
     * transaction: the openFDA record of each new version (V82) is written once, at this commit, with its
     * outcomes, and after a crash nothing the job row counts lacks its outcomes.
     *
     * @return whether cancellation was requested meanwhile
     */
    @Transactional
    boolean storeBatch(
            UUID id,
            List<CaseImports.ImportedCase> batch,
            java.util.Map<String, List<String>> listed,
            String submittedBy,
            ImportProgress progress,
            ImportProgress.Read read) {
        if (!batch.isEmpty()) {
            CaseImports.ImportBatch stored = cases.importBatch(CaseSource.CAERS, batch, submittedBy);
            progress.add(stored.outcomes());
            progress.productsWithNewSpellings().addAll(stored.productsWithNewSpellings());
            progress.phases(stored.phaseNanos(), "store batch and job row");
            long mark = System.nanoTime();
            sourceOutcomes.record(CaseSource.CAERS, listed);
            progress.phases(java.util.Map.of("source outcomes", System.nanoTime() - mark), "store batch and job row");
        }
        Object cancel = em.createNativeQuery("""
                update import_job set rows_read = ?2, reports_read = ?3, reports_stored = ?4, reports_unchanged = ?5,
                    reports_updated = ?6, reports_rejected = ?7, rows_rejected = ?8, data_quality = ?9,
                    last_report = ?10, problems = coalesce(cast(?11 as jsonb), problems)
                where id = ?1 returning cancel_requested""")
                .setParameter(1, id)
                .setParameter(2, read.rowsRead())
                .setParameter(3, read.reportsRead())
                .setParameter(4, progress.stored())
                .setParameter(5, progress.unchanged())
                .setParameter(6, progress.updated())
                .setParameter(7, read.reportsRejected())
                .setParameter(8, read.rowsRejected())
                .setParameter(9, progress.dataQuality())
                .setParameter(10, progress.lastReport())
                // The list (up to 1,000 problems) only when it grew: most batches add none.
                .setParameter(
                        11,
                        new org.hibernate.query.TypedParameterValue<>(
                                org.hibernate.type.StandardBasicTypes.STRING,
                                progress.listedGrew(read.listed()) ? problems(progress.listed(read.listed())) : null))
                .getSingleResult();
        return Boolean.TRUE.equals(cancel);
    }

    /**
     * Analyzes, quickly, the tables the import has at least doubled (cases, versions, products, aliases, codings,
     * queues), so that the next batches' statements, the row triggers' included, are planned for the tables as they
     * are now, not as they were when the import began ({@link org.kaers.common.GrowingTables#analyzeGrown}).
     *
     * @return the tables analyzed
     */
    @Transactional
    List<String> analyzeGrown(ImportProgress progress) {
        long mark = System.nanoTime();
        List<String> grown =
                em.unwrap(org.hibernate.Session.class).doReturningWork(org.kaers.common.GrowingTables::analyzeGrown);
        progress.timed("analyze grown tables", System.nanoTime() - mark);
        return grown;
    }

    /** After the last batch: full statistics for the tables {@link #analyzeGrown} analyzed quickly. */
    @Transactional
    void analyzeFully(java.util.Collection<String> tables) {
        em.unwrap(org.hibernate.Session.class).doWork(c -> org.kaers.common.GrowingTables.analyze(c, tables));
    }

    /**
     * Codes the product names and reaction texts of a batch in a transaction of its own, committed before the batch
     * is stored, so that the reader can code the next batch while the writer stores this one
     * ({@link CaersImporter}); codings without cases (a crash in between) are harmless.
     *
     * @return the products that gained a spelling
     */
    java.util.Set<Long> codeBatch(List<CaseImports.ImportedCase> batch) {
        return cases.codeBatch(batch);
    }

    /**
     * After the last batch: products that gained spellings are named after their most frequent one, and the new
     * aliases are merged from the trigram index's pending list into the index (V13), so that product searches do not
     * scan them one by one.
     */
    void settleProductNames(ImportProgress progress) {
        List<Long> ids = List.copyOf(progress.productsWithNewSpellings());
        for (int i = 0; i < ids.size(); i += 5000) {
            cases.nameProductsAfterTheirMostFrequentSpelling(ids.subList(i, Math.min(ids.size(), i + 5000)));
        }
        try {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("select gin_clean_pending_list('product_alias_trgm_idx'::regclass)")
                            .getSingleResult());
        } catch (RuntimeException e) {
            // Autovacuum merges it anyway; the import has succeeded.
            org.jboss.logging.Logger.getLogger(ImportJobStore.class)
                    .warnf(
                            "cannot merge the alias index's pending list (%s)",
                            e.getClass().getSimpleName());
        }
    }

    @Transactional
    void finished(UUID id, ImportJobView.State state, String detail) {
        em.createNativeQuery("update import_job set state = ?2, finished_at = ?3, detail = ?4 where id = ?1")
                .setParameter(1, id)
                .setParameter(2, state.name())
                .setParameter(3, Timestamp.from(Instant.now()))
                .setParameter(4, detail)
                .executeUpdate();
    }

    /** Asks a queued or running job to stop; false when there is no such job. */
    @Transactional
    boolean requestCancel(UUID id) {
        return em.createNativeQuery("update import_job set cancel_requested = true where id = ?1")
                        .setParameter(1, id)
                        .executeUpdate()
                == 1;
    }

    /** Jobs a stopped service left QUEUED or RUNNING: marked INTERRUPTED, saying where they stopped. */
    @Transactional
    int interruptLeftovers() {
        return em.createNativeQuery("""
                update import_job set state = 'INTERRUPTED', finished_at = now(),
                    detail = 'the service stopped while this import ran; ' || rows_read || ' rows read, last report '
                        || coalesce(last_report, 'none') || ' stored. Resume it (POST /api/v1/imports/' || id
                        || '/resume) to continue where it stopped; reports already stored are never stored twice'
                where state in ('QUEUED', 'RUNNING')""").executeUpdate();
        // The detail above names the resumption too (POST /api/v1/imports/{id}/resume), since the file is kept.
    }

    /** The vocabulary's names that contain a comma, in capitals: the term lists' pieces that may be joined back. */
    @Transactional
    java.util.Set<String> commaNames() {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("select upper(text) from symptom_synonym where text like '%,%'")
                .getResultList();
        return java.util.Set.copyOf(names);
    }

    @Transactional
    Optional<ImportJobView> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS + " from import_job where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(this::view);
    }

    @Transactional
    List<ImportJobView> recent(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select " + COLUMNS + " from import_job order by created_at desc, id limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(this::view).toList();
    }

    private ImportJobView view(Object[] r) {
        long readBefore = num(r[23]);
        Instant started = instant(r[5]);
        Instant finished = instant(r[6]);
        long rowsRead = num(r[10]);
        Long rowsTotal = r[8] == null ? null : num(r[8]);
        Double rate = null;
        Long left = null;
        if (started != null) {
            double seconds = Math.max(
                    0.001,
                    ((finished == null ? Instant.now() : finished).toEpochMilli() - started.toEpochMilli()) / 1000.0);
            rate = Math.round((rowsRead - readBefore) / seconds * 10) / 10.0; // this run's rows
            if (finished == null && rowsTotal != null && rate > 0) {
                left = Math.round((rowsTotal - rowsRead) / rate);
            }
        }
        List<ImportSummary.Skip> problems;
        try {
            problems = json.readValue((String) r[21], new TypeReference<List<ImportSummary.Skip>>() {});
        } catch (JsonProcessingException e) {
            problems = List.of();
        }
        int resumed = ((Number) r[22]).intValue();
        return new ImportJobView(
                (UUID) r[0],
                ImportJobView.State.valueOf((String) r[1]),
                r[2] == null ? null : CaersLayout.valueOf((String) r[2]).name(),
                (String) r[3],
                instant(r[4]),
                started,
                finished,
                r[7] == null ? null : num(r[7]),
                rowsTotal,
                r[9] == null ? null : num(r[9]),
                rowsRead,
                num(r[11]),
                num(r[12]),
                num(r[13]),
                num(r[14]),
                num(r[15]),
                num(r[16]),
                num(r[17]),
                (String) r[18],
                (Boolean) r[19],
                rate,
                left,
                (String) r[20],
                problems,
                resumed);
    }

    private String problems(ImportProgress progress) {
        return problems(progress.listed());
    }

    private String problems(List<ImportSummary.Skip> listed) {
        try {
            return json.writeValueAsString(listed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
