package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The coding of one distinct reaction verbatim as reported (table {@code verbatim_coding}, V2). The coders store
 * them in batches (SymptomCoder); a manual coding changes every verbatim of a normalised form at once.
 */
@Entity
@Table(name = "verbatim_coding")
class VerbatimCoding {

    @Id
    String verbatim;

    String normalized;

    /** Null while UNCODED. */
    @Column(name = "term_id")
    Long termId;

    /** A CodingMethod code. */
    String method;

    BigDecimal score;

    @Column(name = "matched_synonym")
    String matchedSynonym;

    @Column(name = "coded_by")
    String codedBy;

    @Column(name = "coded_at")
    Instant codedAt;
}
