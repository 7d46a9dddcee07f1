package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The statistics' exclusive coding lock (V3, V86) is taken by an UPDATE of a coding table only when it changes a
 * row: a statement that matches nothing does not wait for the transactions storing cases (they hold the lock
 * shared, as an import's writer does while the reader codes the next batch), and one that changes a row still
 * does. So source-coded terms without FUZZY codings to replace are coded while cases are being stored.
 */
@QuarkusTest
class CodingLockTest {

    private static final long CODING_LOCK = 4242001;

    @Inject
    DataSource dataSource;

    @Inject
    SymptomCoder symptoms;

    @Test
    void onlyAnUpdateThatChangesARowWaitsForStoredCases() throws Exception {
        try (Connection storing = dataSource.getConnection();
                Connection coding = dataSource.getConnection()) {
            storing.setAutoCommit(false);
            try (Statement s = storing.createStatement()) {
                s.execute("select pg_advisory_xact_lock_shared(" + CODING_LOCK + ")");
            }
            coding.setAutoCommit(false);
            try (Statement s = coding.createStatement()) {
                s.execute("insert into verbatim_coding (verbatim, normalized, method, coded_at)"
                        + " values ('CODING LOCK TEST TERM', 'coding lock test term', 'UNCODED', now())"
                        + " on conflict (verbatim) do nothing");
                s.execute("set local lock_timeout = '2s'");
                for (String update : List.of(
                        "update verbatim_coding set normalized = normalized where method = 'FUZZY' and false",
                        "update product_name_coding set normalized = normalized where false",
                        "update product set id = id where false",
                        "update symptom_term set id = id where false")) {
                    assertThat(s.executeUpdate(update))
                            .as(update + ": no row, no lock")
                            .isZero();
                }
                assertThatThrownBy(() -> s.executeUpdate(
                                "update verbatim_coding set coded_at = now() where verbatim = 'CODING LOCK TEST TERM'"))
                        .as("a change of a coding waits for the cases being stored")
                        .isInstanceOf(SQLException.class)
                        .satisfies(e ->
                                assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            } finally {
                coding.rollback();
            }
            // the import's reader, coding a batch of FDA's terms while its writer stores the previous batch
            CompletableFuture<Void> coded = CompletableFuture.runAsync(
                    () -> symptoms.ensureSourceCoded(List.of("CODING LOCK TEST NEW TERM", "NAUSEA")));
            coded.get(60, TimeUnit.SECONDS);
            storing.rollback();
        }
    }
}
