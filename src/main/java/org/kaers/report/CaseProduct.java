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
import java.math.BigDecimal;
import java.time.LocalDate;
import org.hibernate.annotations.Immutable;
import org.kaers.report.model.ActionTaken;
import org.kaers.report.model.ChallengeResult;
import org.kaers.report.model.DoseUnit;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.PurchaseChannel;
import org.kaers.report.model.ReasonForUse;
import org.kaers.report.model.Route;
import org.kaers.vocabulary.model.ProductForm;

/** A product of one case version, with its role. */
@Entity
@Immutable
@Table(name = "case_product")
public class CaseProduct {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_product_seq")
    @SequenceGenerator(name = "case_product_seq", sequenceName = "case_product_seq", allocationSize = 50)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_version_id")
    CaseVersion caseVersion;

    int seq;

    @Enumerated(EnumType.STRING)
    ProductRole role;

    @Column(name = "name_reported")
    String nameReported;

    String vendor;

    @Enumerated(EnumType.STRING)
    ProductForm form;

    String strain;

    @Column(name = "lot_number")
    String lotNumber;

    @Column(name = "mitragynine_mg_per_serving")
    BigDecimal mitragynineMgPerServing;

    @Column(name = "seven_oh_mg_per_serving")
    BigDecimal sevenOhMgPerServing;

    @Enumerated(EnumType.STRING)
    @Column(name = "purchase_channel")
    PurchaseChannel purchaseChannel;

    @Column(name = "dose_amount")
    BigDecimal doseAmount;

    @Enumerated(EnumType.STRING)
    @Column(name = "dose_unit")
    DoseUnit doseUnit;

    @Column(name = "doses_per_day")
    BigDecimal dosesPerDay;

    @Enumerated(EnumType.STRING)
    Route route;

    @Column(name = "start_date")
    LocalDate startDate;

    @Column(name = "stop_date")
    LocalDate stopDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_for_use")
    ReasonForUse reasonForUse;

    @Enumerated(EnumType.STRING)
    @Column(name = "action_taken")
    ActionTaken actionTaken;

    @Enumerated(EnumType.STRING)
    ChallengeResult dechallenge;

    @Enumerated(EnumType.STRING)
    ChallengeResult rechallenge;
}
