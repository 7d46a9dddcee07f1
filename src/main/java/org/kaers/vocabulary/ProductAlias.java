package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A normalised name that identifies a product (table {@code product_alias}, V2 and V42). */
@Entity
@Table(name = "product_alias")
class ProductAlias {

    /** TextNormalizer.forMatching of the name: unique across products. */
    @Id
    String normalized;

    @Column(name = "product_id")
    long productId;

    String text;

    /** REPORTED (from a name a reporter wrote) or CURATED. */
    String origin;
}
