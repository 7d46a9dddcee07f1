package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The coding of one distinct product name as reported (table {@code product_name_coding}, V2 and V10). */
@Entity
@Table(name = "product_name_coding")
class ProductNameCoding {

    /** The name as reported. */
    @Id
    String name;

    String normalized;

    /** Null when WITHHELD. */
    @Column(name = "product_id")
    Long productId;

    /** A CodingMethod code. */
    String method;

    BigDecimal score;

    @Column(name = "coded_at")
    Instant codedAt;

    @Column(name = "suggested_product_id")
    Long suggestedProductId;

    @Column(name = "suggested_score")
    BigDecimal suggestedScore;
}
