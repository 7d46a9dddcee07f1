package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A page and its total from one snapshot ({@link PageReads}): a row committed by someone else between the count and
 * the page (made deterministic: the count's supplier commits it, on another thread's connection) is on neither.
 */
@QuarkusTest
class PageReadsTest {

    private static final PageRequest FIRST = new PageRequest(0, 10);

    @Inject
    PageReads pages;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Test
    void aCommitBetweenTheCountAndThePageIsOnNeither() {
        String actor = actor();
        commitEvent(actor);

        PageResponse<Long> read = pages.read(FIRST, countThenCommit(actor), () -> ids(actor));

        assertThat(read.totalItems()).isEqualTo(1);
        assertThat(read.items()).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ids(actor))).hasSize(2); // it did commit
    }

    @Test
    void twoReadCommittedStatementsWouldDisagree() {
        // what the test above guards against: the same two statements in a plain (READ COMMITTED) transaction
        String actor = actor();
        commitEvent(actor);

        PageResponse<Long> read = QuarkusTransaction.requiringNew().call(() -> {
            long total = countThenCommit(actor).getAsLong();
            return PageResponse.of(ids(actor), FIRST, total);
        });

        assertThat(read.totalItems()).isEqualTo(1);
        assertThat(read.items()).hasSize(2);
    }

    @Test
    void theSnapshotIsRepeatableReadAndReadOnly() {
        Supplier<List<Long>> settings = () -> List.of(
                setting("transaction_isolation").equals("repeatable read") ? 1L : 0L,
                setting("transaction_read_only").equals("on") ? 1L : 0L);

        assertThat(pages.read(FIRST, () -> 2, settings).items()).containsExactly(1L, 1L);
    }

    @Test
    void insideACallersWritingTransactionItReadsAsThatTransaction() {
        String actor = actor();

        PageResponse<Long> read = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery(
                            "insert into audit_event (actor, action, resource, status) values (?1, 'GET', '/t', 200)")
                    .setParameter(1, actor)
                    .executeUpdate();
            return pages.read(FIRST, () -> ids(actor).size(), () -> ids(actor));
        });

        assertThat(read.totalItems()).isEqualTo(1);
        assertThat(read.items()).hasSize(1);
    }

    private LongSupplier countThenCommit(String actor) {
        return () -> {
            long counted = ((Number) em.createNativeQuery("select count(*) from audit_event where actor = ?1")
                            .setParameter(1, actor)
                            .getSingleResult())
                    .longValue();
            CompletableFuture.runAsync(() -> commitEvent(actor)).join();
            return counted;
        };
    }

    private List<Long> ids(String actor) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("select id from audit_event where actor = ?1 order by id")
                .setParameter(1, actor)
                .getResultList();
        return found.stream().map(Number::longValue).toList();
    }

    private String setting(String name) {
        return (String) em.createNativeQuery("select current_setting(?1)")
                .setParameter(1, name)
                .getSingleResult();
    }

    /** An audit event committed on its own connection (no transaction on the calling thread). */
    private void commitEvent(String actor) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(
                        "insert into audit_event (actor, action, resource, status) values (?, 'GET', '/t', 200)")) {
            st.setString(1, actor);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String actor() {
        return "page-reads-" + UUID.randomUUID();
    }
}
