package org.kaers.common;

import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The one way a transaction is made to read in one snapshot: REPEATABLE READ, READ ONLY, set by its first statement
 * (PostgreSQL refuses {@code SET TRANSACTION ISOLATION LEVEL} after any query), and marked with {@link #KEY}, so that
 * a later reader in the same transaction (a list inside an export, a statistics read) knows not to set it again.
 * Used by the list pages ({@link PageReads}), the statistics reads (statistics.ReadSnapshot) and the exports
 * ({@link SnapshotExports}, which then import an exported snapshot).
 */
public final class OneSnapshot {

    /** Transaction resource key: set while the current transaction reads in one snapshot. */
    public static final String KEY = "kaers.one-snapshot";

    private OneSnapshot() {}

    /** Whether the current transaction (if any) already reads in one snapshot. */
    public static boolean in(TransactionSynchronizationRegistry registry) {
        return registry.getTransactionKey() != null && registry.getResource(KEY) != null;
    }

    /** Makes the current transaction REPEATABLE READ, READ ONLY: call before its first statement. */
    public static void begin(EntityManager em, TransactionSynchronizationRegistry registry) {
        em.createNativeQuery("set transaction isolation level repeatable read, read only")
                .executeUpdate();
        registry.putResource(KEY, Boolean.TRUE);
    }
}
