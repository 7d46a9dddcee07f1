package org.kaers.common;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

/**
 * After-commit work, in one place: {@code action} runs once the current JTA transaction has committed, never when it
 * rolls back, and not at all outside a transaction (nothing can say a commit happened). An interposed
 * synchronization of the transaction registry, so it runs after Hibernate's flush and after PostgreSQL's commit, on
 * the committing thread, before the {@code @Transactional} method (or {@code QuarkusTransaction} call) that began the
 * transaction returns: a caller that reads a metric or a cache right after sees the work done. It belongs to the
 * transaction current at the call: in a {@code requiringNew} transaction, that inner one's commit. A transaction
 * that can no longer commit (marked rollback-only, or completing) takes no registration: the action is dropped, as
 * it would be at the rollback. An action that fails is logged (its exception's class) and does not undo the commit.
 */
public final class OnCommit {

    private static final Logger LOG = Logger.getLogger(OnCommit.class);

    private OnCommit() {}

    /** Runs {@code action} once the current transaction commits; false (never run) outside an active transaction. */
    public static boolean run(TransactionSynchronizationRegistry registry, Runnable action) {
        if (registry.getTransactionKey() == null || registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return false;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warnf("after-commit work failed: %s", e.getClass().getSimpleName());
                }
            }
        });
        return true;
    }
}
