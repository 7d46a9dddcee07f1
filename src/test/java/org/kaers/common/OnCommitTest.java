package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** After-commit work ({@link OnCommit}) in Narayana's transactions as the service runs them. */
@QuarkusTest
class OnCommitTest {

    @Inject
    TransactionSynchronizationRegistry registry;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    private final List<String> done = new ArrayList<>();

    @Test
    void runsOnceTheTransactionHasCommittedBeforeTheCallReturns() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(OnCommit.run(registry, () -> done.add("committed"))).isTrue();
            assertThat(done).isEmpty();
        });
        assertThat(done).containsExactly("committed");
    }

    @Test
    void neverWhenItRollsBackNorOutsideATransactionNorOnceItCanOnlyRollBack() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    OnCommit.run(registry, () -> done.add("rolled back"));
                    throw new IllegalStateException("fails");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(OnCommit.run(registry, () -> done.add("no transaction"))).isFalse();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    QuarkusTransaction.setRollbackOnly();
                    assertThat(OnCommit.run(registry, () -> done.add("rollback only")))
                            .isFalse();
                }))
                .isInstanceOf(QuarkusTransactionException.class); // its commit is a rollback
        assertThat(done).isEmpty();
    }

    @Test
    void belongsToTheTransactionCurrentAtTheCall() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    QuarkusTransaction.requiringNew().run(() -> OnCommit.run(registry, () -> done.add("inner")));
                    assertThat(done).containsExactly("inner"); // the inner one committed; the outer is open
                    OnCommit.run(registry, () -> done.add("outer"));
                    throw new IllegalStateException("the outer one rolls back");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(done).containsExactly("inner");
    }

    @Test
    void runsAfterPostgresqlHasCommittedTheTransactionsRows() {
        String actor = "on-commit-" + UUID.randomUUID();
        List<Long> seen = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery(
                            "insert into audit_event (actor, action, resource, status) values (?1, 'GET', '/t', 200)")
                    .setParameter(1, actor)
                    .executeUpdate();
            OnCommit.run(
                    registry,
                    () -> seen.add(CompletableFuture.supplyAsync(() -> committed(actor))
                            .join()));
        });
        assertThat(seen).containsExactly(1L);
    }

    /** The rows of {@code actor} another connection sees (no transaction on the calling thread). */
    private long committed(String actor) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("select count(*) from audit_event where actor = ?")) {
            st.setString(1, actor);
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
