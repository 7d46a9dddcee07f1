package org.kaers.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.hibernate.annotations.Immutable;

/** A laboratory result of one case version. */
@Entity
@Immutable
@Table(name = "case_lab")
public class CaseLab {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_lab_seq")
    @SequenceGenerator(name = "case_lab_seq", sequenceName = "case_lab_seq", allocationSize = 50)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_version_id")
    CaseVersion caseVersion;

    int seq;

    @Column(name = "test_code")
    String testCode;

    BigDecimal value;

    String unit;

    @Column(name = "upper_limit_normal")
    BigDecimal upperLimitOfNormal;

    @Column(name = "result_date")
    LocalDate resultDate;
}
