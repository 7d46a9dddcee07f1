package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Substances (reference data), by code. */
@ApplicationScoped
class SubstanceRepository implements PanacheRepositoryBase<Substance, String> {

    /** A substance and how many products (not merged away) contain it. */
    record WithProducts(String code, String name, String category, long products) {}

    /** Every substance in its sort order, with its product count. */
    List<WithProducts> withProducts() {
        return getEntityManager()
                .createQuery("""
                        select s.code, s.name, s.category, count(p.id)
                        from Substance s left join Product p on p.substance = s.code and p.mergedInto is null
                        group by s.code, s.name, s.category, s.sortOrder order by s.sortOrder""", Object[].class)
                .getResultStream()
                .map(r -> new WithProducts((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()))
                .toList();
    }
}
