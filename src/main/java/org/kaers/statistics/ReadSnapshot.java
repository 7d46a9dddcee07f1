package org.kaers.statistics;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.kaers.common.OneSnapshot;
import org.kaers.common.ReadReplica;
import org.kaers.statistics.model.ReadSource;

/**
 * How every statistics read starts (counts, trends, summaries, signal tables): one snapshot for all of its
 * statements (REPEATABLE READ, READ ONLY), so that totals, margins and cells agree while cases arrive and the
 * aggregate worker commits between two statements; and bounded time (PostgreSQL cancels a statement that
 * exceeds the statistics query timeout; ProblemMappers answers 503). Once per transaction, before its first
 * statement. Where: on the streaming replica when the request's kind is routed there and the replica is within
 * its lag bound ({@link ReadReplica}; the read side's statements then follow, {@link ReadRouting}), else on the
 * primary; {@link #source()} says which, for the answer's meta. Not inside a whole export's imported snapshot
 * (common.SnapshotExports), which is one already (on the primary).
 */
@ApplicationScoped
class ReadSnapshot {

    private final EntityManager em;
    private final SmallCellPolicy policy;
    private final TransactionSynchronizationRegistry transaction;
    private final ReadReplica replica;
    private final ReadRouting routing;
    private final CurrentVertxRequest request;

    ReadSnapshot(
            EntityManager em,
            SmallCellPolicy policy,
            TransactionSynchronizationRegistry transaction,
            ReadReplica replica,
            ReadRouting routing,
            CurrentVertxRequest request) {
        this.em = em;
        this.policy = policy;
        this.transaction = transaction;
        this.replica = replica;
        this.routing = routing;
        this.request = request;
    }

    void begin() {
        if (transaction.getResource(ReadSnapshot.class) != null || OneSnapshot.in(transaction)) {
            return;
        }
        ReadSource source = route();
        transaction.putResource(ReadSnapshot.class, source);
        if (source.server().equals("REPLICA")) {
            return;
        }
        OneSnapshot.begin(em, transaction);
        em.createNativeQuery("select set_config('statement_timeout', ?1, true)")
                .setParameter(1, policy.queryTimeoutMillis() + "ms")
                .getSingleResult();
    }

    /** Which database answers the current transaction's read (the primary when no read began). */
    ReadSource source() {
        Object source = transaction.getTransactionKey() == null ? null : transaction.getResource(ReadSnapshot.class);
        return source instanceof ReadSource s ? s : ReadSource.PRIMARY;
    }

    private ReadSource route() {
        if (!replica.routes(path())) {
            return replica.configured() ? ReadSource.PRIMARY : new ReadSource("PRIMARY", "NONE", null);
        }
        ReadReplica.State state = replica.state();
        if (state.usable() && routing.openReplica(policy.queryTimeoutMillis())) {
            return new ReadSource("REPLICA", state.status().name(), state.lagSeconds());
        }
        ReadReplica.Status status = state.usable() ? ReadReplica.Status.UNREACHABLE : state.status();
        return new ReadSource("PRIMARY", status.name(), state.lagSeconds());
    }

    /** The path of the HTTP request being served, or null outside one (internal reads stay on the primary). */
    private String path() {
        if (!Arc.container().requestContext().isActive() || request.getCurrent() == null) {
            return null;
        }
        return request.getCurrent().normalizedPath();
    }
}
