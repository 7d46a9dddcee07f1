package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A text is known to be coded only once the transaction that saw or wrote its coding row has committed. */
class KnownTextsTest {

    /** One transaction at a time; completes it with a given status. */
    static final class Transactions implements TransactionSynchronizationRegistry {
        Object key = "tx-1";
        final List<Synchronization> pending = new ArrayList<>();

        void complete(int status) {
            pending.forEach(s -> s.afterCompletion(status));
            pending.clear();
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            pending.add(sync);
        }

        @Override
        public void putResource(Object k, Object v) {}

        @Override
        public Object getResource(Object k) {
            return null;
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {}

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }

    private final Transactions transactions = new Transactions();

    @Test
    void rememberedAfterCommitNeverAfterRollback() {
        KnownTexts known = new KnownTexts(transactions, true);
        known.rememberOnCommit(List.of("NAUSEA", "VOMITING"));
        assertThat(left(known, "NAUSEA", "VOMITING")).containsExactly("NAUSEA", "VOMITING"); // not yet committed
        transactions.complete(Status.STATUS_ROLLEDBACK);
        assertThat(left(known, "NAUSEA", "VOMITING")).containsExactly("NAUSEA", "VOMITING");
        known.rememberOnCommit(List.of("NAUSEA"));
        transactions.complete(Status.STATUS_COMMITTED);
        assertThat(left(known, "NAUSEA", "VOMITING")).containsExactly("VOMITING");
    }

    @Test
    void outsideATransactionOrSwitchedOffNothingIsRemembered() {
        transactions.key = null;
        KnownTexts known = new KnownTexts(transactions, true);
        known.rememberOnCommit(List.of("NAUSEA"));
        assertThat(transactions.pending).isEmpty();
        transactions.key = "tx-2";
        KnownTexts off = new KnownTexts(transactions, false);
        off.rememberOnCommit(List.of("NAUSEA"));
        transactions.complete(Status.STATUS_COMMITTED);
        assertThat(left(off, "NAUSEA")).containsExactly("NAUSEA");
    }

    private static Set<String> left(KnownTexts known, String... texts) {
        Set<String> set = new TreeSet<>(List.of(texts));
        known.removeKnown(set);
        return set;
    }
}
