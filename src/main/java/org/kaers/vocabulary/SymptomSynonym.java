package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A name a symptom term is known by (table {@code symptom_synonym}, V2), by its normalised form. */
@Entity
@Table(name = "symptom_synonym")
class SymptomSynonym {

    /** TextNormalizer.forMatching of the name: unique across the vocabulary. */
    @Id
    String normalized;

    @Column(name = "term_id")
    long termId;

    String text;

    /** Whether this is the term's preferred name. */
    boolean preferred;

    SymptomSynonym() {}

    SymptomSynonym(String normalized, long termId, String text, boolean preferred) {
        this.normalized = normalized;
        this.termId = termId;
        this.text = text;
        this.preferred = preferred;
    }
}
