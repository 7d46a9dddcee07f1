package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A canonical product (table {@code product}, V2): curated by a reviewer, or created uncurated by the coder. */
@Entity
@Table(name = "product")
class Product {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq")
    @SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 50)
    Long id;

    String name;

    String vendor;

    /** A report.ProductForm code, or null. */
    String form;

    /** The code of its substance. */
    String substance;

    boolean curated;

    @Column(name = "merged_into")
    Long mergedInto;

    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
