package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A substance products contain (table {@code substance}, V2): reference data. */
@Entity
@Table(name = "substance")
class Substance {

    @Id
    String code;

    String name;

    String category;

    @Column(name = "sort_order")
    int sortOrder;
}
