package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A system organ class symptom terms belong to (table {@code organ_class}, V2): reference data. */
@Entity
@Table(name = "organ_class")
class OrganClass {

    @Id
    String code;

    String name;

    @Column(name = "sort_order")
    int sortOrder;
}
