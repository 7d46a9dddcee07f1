package org.kaers.vocabulary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.Dependent;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.kaers.common.OnCommit;

/**
 * Reported texts known to have a coding row (verbatims, product names): the intake's first lookup skips them. A
 * coding row, once committed, is never deleted (re-coding changes it in place), so "has a row" never stops being
 * true; a text is remembered only after the transaction that saw or wrote its row commits (a row written by a
 * transaction that rolls back is never remembered). Bounded in entries; one instance per coder.
 * {@code kaers.coding.cache-known-texts=false} turns it off (every lookup asks PostgreSQL).
 */
@Dependent
class KnownTexts {

    private final Cache<String, Boolean> known =
            Caffeine.newBuilder().maximumSize(200_000).build();
    private final TransactionSynchronizationRegistry transaction;
    private final boolean enabled;

    @jakarta.inject.Inject
    KnownTexts(TransactionSynchronizationRegistry transaction, CodingConfig config) {
        this(transaction, config.cacheKnownTexts());
    }

    KnownTexts(TransactionSynchronizationRegistry transaction, boolean enabled) {
        this.transaction = transaction;
        this.enabled = enabled;
    }

    /** Removes the texts known to be coded from {@code texts}. */
    void removeKnown(Set<String> texts) {
        if (enabled) {
            texts.removeIf(t -> known.getIfPresent(t) != null);
        }
    }

    /** Remembers texts that have a coding row in the current transaction, once (and if) it commits. */
    void rememberOnCommit(Collection<String> texts) {
        if (!enabled || texts.isEmpty()) {
            return; // outside a transaction OnCommit drops it: nothing says the row was committed
        }
        List<String> coded = List.copyOf(texts);
        OnCommit.run(transaction, () -> coded.forEach(t -> known.put(t, Boolean.TRUE)));
    }
}
