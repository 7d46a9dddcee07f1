package org.kaers.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.kaers.report.model.CaseSource;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.NullificationReason;

/** A case: its never-changing number, its life-cycle status and which version is current. */
@Entity
@Table(name = "case_report")
public class CaseReport {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_report_seq")
    @SequenceGenerator(name = "case_report_seq", sequenceName = "case_report_seq", allocationSize = 50)
    Long id;

    @Column(name = "case_number", nullable = false, updatable = false)
    String caseNumber;

    @Enumerated(EnumType.STRING)
    CaseStatus status;

    @Column(name = "current_version")
    int currentVersion;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    CaseSource source;

    @Column(name = "external_id", updatable = false)
    String externalId;

    @Column(name = "received_at", updatable = false)
    Instant receivedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Column(name = "nullified_at")
    Instant nullifiedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "nullification_reason")
    NullificationReason nullificationReason;

    @Column(name = "nullification_comment")
    String nullificationComment;

    @Column(name = "duplicate_of")
    String duplicateOf;

    /** The subject that submitted version 1: the case's owner for reporters. */
    @Column(name = "submitted_by", updatable = false)
    String submittedBy;

    /** For an imported case: a digest of the source's report as last stored, to recognise a changed report. */
    @Column(name = "source_digest")
    String sourceDigest;
}
