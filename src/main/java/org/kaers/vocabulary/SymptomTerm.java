package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A symptom term (table {@code symptom_term}, V2): curated (reference vocabulary) or added uncurated (KU...). */
@Entity
@Table(name = "symptom_term")
class SymptomTerm {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "symptom_term_seq")
    @SequenceGenerator(name = "symptom_term_seq", sequenceName = "symptom_term_seq", allocationSize = 50)
    Long id;

    String code;

    @Column(name = "preferred_name")
    String preferredName;

    /** The code of its organ class. */
    @Column(name = "organ_class")
    String organClass;

    boolean curated;

    @Column(name = "external_code")
    String externalCode;

    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;
}
