package org.kaers.signals;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A fitted EBGM prior of one level (table {@code signal_prior}, V4 and V20), with the data it came from and its fit
 * diagnostics. Appended, never changed: a refit adds a row. Without hyperparameters when none could be fitted.
 */
@Entity
@Immutable
@Table(name = "signal_prior")
class SignalPrior {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    /** The database's now() of the fitting transaction, read back after the insert. */
    @Generated
    @Column(name = "fitted_at", insertable = false, updatable = false)
    Instant fittedAt;

    @Column(name = "data_version")
    long dataVersion;

    @Column(name = "total_cases")
    long totalCases;

    int cells;

    int points;

    Double alpha1;

    Double beta1;

    Double alpha2;

    Double beta2;

    Double p;

    @Column(name = "log_likelihood")
    Double logLikelihood;

    int starts;

    @Column(name = "starts_converged")
    int startsConverged;

    boolean converged;

    long evaluations;

    @Column(name = "duration_ms")
    long durationMs;

    String reason;

    /** A PriorLevel code. */
    String level;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "warnings", columnDefinition = "text[]")
    List<String> warnings;
}
