package org.kaers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.TestDatabase;

/**
 * What a start deletes from the import directory: the files of this database's jobs that cannot be resumed, and
 * files of no known job only when they are old. A fresh file of a job this database does not know may be another
 * instance's running import (a test run beside a benchmark once deleted the benchmark's file at its start).
 */
@QuarkusTest
class ImportDirectoryTest {

    @Inject
    ImportJobs jobs;

    @Inject
    TestDatabase db;

    @Test
    void aStartDeletesOnlyFilesItKnowsAreDoneOrThatAreOld() throws Exception {
        Path dir = Path.of(ConfigProvider.getConfig()
                .getOptionalValue("kaers.imports.work-dir", String.class)
                .orElse(System.getProperty("java.io.tmpdir") + "/kaers-imports"));
        Files.createDirectories(dir);
        UUID done = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        db.execute("insert into import_job (id, source, state, created_by, created_at) values ('" + done
                + "', 'CAERS', 'SUCCEEDED', 'admin@test', now()), ('" + failed
                + "', 'CAERS', 'FAILED', 'admin@test', now())");
        Path doneFile = Files.writeString(dir.resolve(done + ".csv"), "x");
        Path failedFile = Files.writeString(dir.resolve(failed + ".csv"), "x");
        Path othersRunning = Files.writeString(dir.resolve(UUID.randomUUID() + ".csv"), "x");
        Path orphan = Files.writeString(dir.resolve(UUID.randomUUID() + ".csv"), "x");
        Files.setLastModifiedTime(
                orphan, FileTime.from(Instant.now().minus(ImportJobs.ORPHAN_AGE).minusSeconds(60)));
        try {
            jobs.onStart(null);
            assertThat(doneFile).doesNotExist();
            assertThat(failedFile).exists(); // resumable
            assertThat(othersRunning).exists();
            assertThat(orphan).doesNotExist();
        } finally {
            for (Path p : new Path[] {doneFile, failedFile, othersRunning, orphan}) {
                Files.deleteIfExists(p);
            }
            db.execute("delete from import_job where id in ('" + done + "', '" + failed + "')");
        }
    }
}
