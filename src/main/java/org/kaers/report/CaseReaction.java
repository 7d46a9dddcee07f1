package org.kaers.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;
import org.hibernate.annotations.Immutable;
import org.kaers.report.model.ReactionOutcome;

/** A reaction of one case version: the reporter's words, onset, outcome and derived time to onset. */
@Entity
@Immutable
@Table(name = "case_reaction")
public class CaseReaction {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_reaction_seq")
    @SequenceGenerator(name = "case_reaction_seq", sequenceName = "case_reaction_seq", allocationSize = 50)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_version_id")
    CaseVersion caseVersion;

    int seq;

    String verbatim;

    @Column(name = "onset_date")
    LocalDate onsetDate;

    @Enumerated(EnumType.STRING)
    ReactionOutcome outcome;

    @Column(name = "time_to_onset_days")
    Integer timeToOnsetDays;
}
