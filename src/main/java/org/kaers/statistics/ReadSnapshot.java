package org.kaers.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * How every statistics read starts (counts, trends, summaries, signal tables): one snapshot for all of its
 * statements (REPEATABLE READ, READ ONLY), so that totals, margins and cells agree while cases arrive and the
 * aggregate worker commits between two statements; and bounded time (PostgreSQL cancels a statement that
 * exceeds the statistics query timeout; ProblemMappers answers 503). Once per transaction, before its first
 * statement. Not inside a whole export's imported snapshot (common.SnapshotExports), which is one already.
 */
@ApplicationScoped
class ReadSnapshot {

    private final EntityManager em;
    private final SmallCellPolicy policy;
    private final TransactionSynchronizationRegistry transaction;

    ReadSnapshot(EntityManager em, SmallCellPolicy policy, TransactionSynchronizationRegistry transaction) {
        this.em = em;
        this.policy = policy;
        this.transaction = transaction;
    }

    void begin() {
        if (transaction.getResource(ReadSnapshot.class) != null
                || transaction.getResource(org.kaers.common.SnapshotExports.IN_SNAPSHOT) != null) {
            return;
        }
        transaction.putResource(ReadSnapshot.class, Boolean.TRUE);
        em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
        em.createNativeQuery("select set_config('statement_timeout', ?1, true)")
                .setParameter(1, policy.queryTimeoutMillis() + "ms").getSingleResult();
    }
}
