package org.kaers.vocabulary;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One manual coding decision (table {@code coding_audit}, V2): appended, never changed. */
@Entity
@Immutable
@Table(name = "coding_audit")
class CodingAudit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String normalized;

    /** The one term the verbatims were coded to before, or null (none, or several). */
    @Column(name = "old_term_id")
    Long oldTermId;

    @Column(name = "new_term_id")
    long newTermId;

    /** How many verbatims the decision re-coded. */
    int verbatims;

    String actor;

    Instant at;

    String comment;
}
