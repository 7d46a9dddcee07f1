package org.kaers.clusters;

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
import java.time.LocalDate;

/** A cluster alert as stored (V72): what fired, the cases behind it, and the reviewers' decisions. */
@Entity
@Table(name = "cluster_alert")
class StoredAlert {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cluster_alert_seq")
    @SequenceGenerator(name = "cluster_alert_seq", sequenceName = "cluster_alert_seq", allocationSize = 50)
    Long id;

    String kind;

    @Column(name = "alert_key")
    String key;

    @Column(name = "window_from")
    LocalDate windowFrom;

    @Column(name = "window_to")
    LocalDate windowTo;

    int cases;

    @Column(name = "baseline_mean")
    Double baselineMean;

    @Column(name = "alert_limit")
    Double limit;

    /** Sorted, comma-separated. */
    @Column(name = "case_numbers")
    String caseNumbers;

    @Enumerated(EnumType.STRING)
    AlertStatus status;

    @Column(name = "raised_at")
    Instant raisedAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    @Column(name = "acknowledged_by")
    String acknowledgedBy;

    @Column(name = "acknowledged_at")
    Instant acknowledgedAt;

    @Column(name = "acknowledged_reason")
    String acknowledgedReason;

    @Column(name = "dismissed_by")
    String dismissedBy;

    @Column(name = "dismissed_at")
    Instant dismissedAt;

    @Column(name = "dismissed_reason")
    String dismissedReason;

    @Column(name = "previous_id")
    Long previousId;
}
