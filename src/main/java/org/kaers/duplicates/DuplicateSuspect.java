package org.kaers.duplicates;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A pair of cases that may be one: the newer case, its candidate, the weight, and the reviewer's decision. */
@Entity
@Table(name = "duplicate_suspect")
class DuplicateSuspect {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duplicate_suspect_seq")
    @SequenceGenerator(name = "duplicate_suspect_seq", sequenceName = "duplicate_suspect_seq", allocationSize = 50)
    Long id;

    @Column(name = "case_id")
    long caseId;

    @Column(name = "candidate_id")
    long candidateId;

    BigDecimal score;

    @Column(name = "field_weights")
    String fieldWeights;

    @Enumerated(EnumType.STRING)
    DuplicateStatus status;

    @Column(name = "found_at")
    Instant foundAt;

    @Column(name = "decided_by")
    String decidedBy;

    @Column(name = "decided_at")
    Instant decidedAt;

    @Column(name = "decision_comment")
    String decisionComment;

    @Column(name = "nullified_case")
    String nullifiedCase;

    @Column(name = "rescored_at")
    Instant rescoredAt;
}
