package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The codings of product names as reported, by the name; the coder writes them in bulk (ProductCoder). */
@ApplicationScoped
class ProductNameCodingRepository implements PanacheRepositoryBase<ProductNameCoding, String> {

    /** The reported names coded to a product, sorted. */
    List<String> namesOf(long productId) {
        return getEntityManager()
                .createQuery(
                        "select c.name from ProductNameCoding c where c.productId = ?1 order by c.name", String.class)
                .setParameter(1, productId)
                .getResultList();
    }

    /** Re-codes every name of a product to another, by hand (a merge). */
    int move(long from, long to, Instant at) {
        return update("productId = ?1, method = 'MANUAL', codedAt = ?2 where productId = ?3", to, at, from);
    }
}
