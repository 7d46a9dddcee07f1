package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The aliases of products, by their normalised text. */
@ApplicationScoped
class ProductAliasRepository implements PanacheRepositoryBase<ProductAlias, String> {

    /** The product a normalised name identifies. */
    Optional<Long> owner(String normalized) {
        return findByIdOptional(normalized).map(a -> a.productId);
    }

    /** The normalised aliases of a product, sorted. */
    List<String> normalizedOf(long productId) {
        return getEntityManager()
                .createQuery(
                        "select a.normalized from ProductAlias a where a.productId = ?1 order by a.normalized",
                        String.class)
                .setParameter(1, productId)
                .getResultList();
    }

    /** Moves every alias of a product to another (a merge). */
    int move(long from, long to) {
        return update("productId = ?1 where productId = ?2", to, from);
    }
}
