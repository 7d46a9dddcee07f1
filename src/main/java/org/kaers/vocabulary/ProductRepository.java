package org.kaers.vocabulary;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Products (ProductService): single rows by id; lists and counts with case counts stay SQL there. */
@ApplicationScoped
class ProductRepository implements PanacheRepository<Product> {}
