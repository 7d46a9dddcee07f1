package org.kaers.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How every paged list reads its page and its total: from one snapshot, so that a case, pair or event committed
 * between the two statements cannot give a page that disagrees with its total. Called outside a transaction (the
 * list services' methods carry no {@code @Transactional}), it opens one of its own in {@link OneSnapshot} (REPEATABLE
 * READ, READ ONLY) for both statements and whatever mapping the items need. Called inside a transaction, it reads in
 * that one: an export's imported snapshot is one already; a caller's writing transaction (READ COMMITTED, which
 * cannot be changed once it has run a statement) reads as it reads, its own uncommitted rows included, and its
 * consistency is the caller's. Decided over {@code count(*) over ()} in the page's statement (measured, README,
 * "Endpoints", 2026-12-03): that is one statement, but its window materialises every matching row before the limit,
 * and an empty page past the end carries no count.
 */
@ApplicationScoped
public class PageReads {

    private final EntityManager em;
    private final TransactionSynchronizationRegistry registry;

    PageReads(EntityManager em, TransactionSynchronizationRegistry registry) {
        this.em = em;
        this.registry = registry;
    }

    /** The page ({@code items}) and the total ({@code total}, counted first) of a list, read in one snapshot. */
    public <T> PageResponse<T> read(PageRequest page, LongSupplier total, Supplier<List<T>> items) {
        if (registry.getTransactionKey() != null) {
            return both(page, total, items);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            OneSnapshot.begin(em, registry);
            return both(page, total, items);
        });
    }

    private static <T> PageResponse<T> both(PageRequest page, LongSupplier total, Supplier<List<T>> items) {
        long counted = total.getAsLong();
        return PageResponse.of(items.get(), page, counted);
    }
}
