package org.kaers.imports;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;

/**
 * Runs imports as jobs. The request body is streamed to a file in {@code kaers.imports.work-dir} as it
 * arrives (no size ceiling beyond the disk, constant memory), the header is checked before anything is
 * accepted, then the file is imported either at once (small files, answered 200 with the summary) or by the
 * import thread (202 and a job to watch). One import runs at a time; the others wait in QUEUED. A job the
 * service stopped in the middle of is marked INTERRUPTED at the next start, with where it stopped; its file is
 * kept (as is a FAILED job's) and {@link #resume} continues it after its last committed batch. Posting the file
 * again also stores nothing twice (report numbers are external ids).
 */
@ApplicationScoped
class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);

    private final ImportJobStore store;
    private final CaersImporter importer;
    private final Path workDir;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kaers-import");
        t.setDaemon(true);
        return t;
    });

    ImportJobs(
            ImportJobStore store,
            CaersImporter importer,
            @ConfigProperty(name = "kaers.imports.work-dir") Optional<String> workDir) {
        this.store = store;
        this.importer = importer;
        this.workDir = Path.of(workDir.orElse(System.getProperty("java.io.tmpdir") + "/kaers-imports"));
    }

    /** A file received and recognised, with its job row. */
    record Accepted(UUID id, Path file, CaersLayout.Recognised layout, long bytes, String createdBy) {}

    void onStart(@Observes StartupEvent event) {
        try {
            int interrupted = store.interruptLeftovers();
            if (interrupted > 0) {
                LOG.warnf("%d import jobs were interrupted by the last stop of the service", interrupted);
            }
        } catch (RuntimeException e) {
            // The service starts while the database is unavailable; the jobs stay as they are until the next start.
            LOG.warnf(
                    "cannot mark interrupted import jobs now (%s)", e.getClass().getSimpleName());
        }
        // A file is deleted when its job is this database's and cannot be resumed. A file of a job this database
        // does not know may be another instance's running import (instances on one host, or sharing a volume,
        // share the directory; a test run beside a benchmark deleted the benchmark's file): it stays, unless it is
        // older than ORPHAN_AGE.
        java.util.Map<UUID, Path> spooled = new java.util.HashMap<>();
        java.util.List<Path> others = new java.util.ArrayList<>();
        try (var files = Files.list(Files.createDirectories(workDir))) {
            files.filter(f -> f.getFileName().toString().endsWith(".csv")).forEach(f -> {
                String name = f.getFileName().toString();
                try {
                    spooled.put(UUID.fromString(name.substring(0, name.length() - ".csv".length())), f);
                } catch (IllegalArgumentException notAJob) {
                    others.add(f);
                }
            });
        } catch (IOException e) {
            LOG.warnf("cannot clean the import directory %s: %s", workDir, e.getMessage());
            return;
        }
        java.util.Set<UUID> resumable;
        java.util.Set<UUID> known;
        try {
            resumable = store.resumable();
            known = store.known(spooled.keySet());
        } catch (RuntimeException e) {
            return; // which files may be resumed is unknown: all stay until the next start
        }
        java.time.Instant orphan = java.time.Instant.now().minus(ORPHAN_AGE);
        spooled.forEach((id, file) -> {
            if (known.contains(id) ? !resumable.contains(id) : olderThan(file, orphan)) {
                delete(file);
            }
        });
        others.stream().filter(f -> olderThan(f, orphan)).forEach(ImportJobs::delete);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Streams the body to a file and checks its header; 400 (nothing stored) when it is no CAERS layout. */
    Accepted accept(InputStream body, String createdBy) {
        UUID id = UUID.randomUUID();
        Path file;
        long bytes;
        try {
            file = Files.createDirectories(workDir).resolve(id + ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                bytes = body.transferTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CaersLayout.Recognised layout;
        try {
            layout = CaersFile.layout(file);
        } catch (CaersLayout.UnknownLayoutException e) {
            delete(file);
            throw e;
        }
        store.create(id, createdBy, bytes);
        return new Accepted(id, file, layout, bytes, createdBy);
    }

    /** Imports now, in the caller's thread. The file is kept when the job fails, so that it can be resumed. */
    ImportSummary runNow(Accepted job) {
        try {
            ImportSummary summary = importer.run(job.id(), job.file(), job.layout(), job.createdBy());
            store.finished(job.id(), ImportJobView.State.SUCCEEDED, null);
            delete(job.file());
            return summary;
        } catch (CaersImporter.Cancelled e) {
            store.finished(job.id(), ImportJobView.State.CANCELLED, "cancelled on request");
            delete(job.file());
            throw new ApiProblem(
                    ProblemType.CONFLICT, "the import was cancelled while it ran; see /api/v1/imports/" + job.id());
        } catch (RuntimeException e) {
            failed(job, e);
            throw e;
        } finally {
            importer.analyzeFully(job.id());
        }
    }

    /** Queues the import for the import thread. */
    void runLater(Accepted job) {
        runLater(job, new ImportProgress());
    }

    /**
     * Resumes an INTERRUPTED or FAILED job where its last committed batch left it (its file is kept until it
     * succeeds or is cancelled): 404 when there is no such job, 409 when it is in another state or its file is gone.
     */
    ImportJobView resume(UUID id) {
        ImportJobView view = store.find(id).orElseThrow(() -> ApiProblem.notFound("no import job has the id " + id));
        if (view.state() != ImportJobView.State.INTERRUPTED && view.state() != ImportJobView.State.FAILED) {
            throw new ApiProblem(
                    ProblemType.CONFLICT,
                    "import " + id + " is " + view.state() + "; only an INTERRUPTED or FAILED import can be resumed");
        }
        Path file = workDir.resolve(id + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new ApiProblem(
                    ProblemType.CONFLICT,
                    "the file of import " + id + " is no longer kept; post it again "
                            + "(reports already stored are left unchanged, so nothing is stored twice)");
        }
        CaersLayout.Recognised layout = CaersFile.layout(file);
        if (!store.requeue(id)) {
            throw new ApiProblem(ProblemType.CONFLICT, "import " + id + " was resumed meanwhile");
        }
        runLater(
                new Accepted(id, file, layout, view.bytes() == null ? 0 : view.bytes(), view.createdBy()),
                new ImportProgress(view));
        LOG.infof("import %s resumed after %d reports", id, view.reportsRead());
        return store.find(id).orElseThrow();
    }

    private void runLater(Accepted job, ImportProgress progress) {
        executor.submit(() -> {
            boolean ended = false; // succeeded or cancelled: the file is no longer needed
            try {
                if (store.find(job.id()).map(ImportJobView::cancelRequested).orElse(true)) {
                    store.finished(job.id(), ImportJobView.State.CANCELLED, "cancelled before it started");
                    ended = true;
                    return;
                }
                importer.run(job.id(), job.file(), job.layout(), job.createdBy(), progress);
                store.finished(job.id(), ImportJobView.State.SUCCEEDED, null);
                ended = true;
            } catch (CaersImporter.Cancelled e) {
                store.finished(job.id(), ImportJobView.State.CANCELLED, "cancelled on request");
                ended = true;
            } catch (RuntimeException | Error e) { // an Error too: the job must not stay RUNNING
                failed(job, e);
            } finally {
                if (ended) {
                    delete(job.file());
                }
                importer.analyzeFully(job.id());
            }
        });
    }

    private void failed(Accepted job, Throwable e) {
        LOG.errorf("import %s failed: %s", job.id(), e.getClass().getSimpleName());
        try {
            store.finished(
                    job.id(),
                    ImportJobView.State.FAILED,
                    "the import stopped on an error ("
                            + e.getClass().getSimpleName() + "); what was committed before it stays. Resume it (POST "
                            + "/api/v1/imports/" + job.id() + "/resume) to continue where it stopped");
        } catch (RuntimeException again) {
            LOG.errorf(
                    "import %s: cannot record the failure (%s)",
                    job.id(), again.getClass().getSimpleName());
        }
    }

    /** How old a spooled file of no job this database knows must be before a start deletes it. */
    static final java.time.Duration ORPHAN_AGE = java.time.Duration.ofDays(2);

    private static boolean olderThan(Path file, java.time.Instant instant) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s", file);
        }
    }
}
