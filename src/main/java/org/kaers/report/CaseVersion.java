package org.kaers.report;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hibernate.annotations.Immutable;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;

/** One immutable version of a case: everything the reporter said, plus what the server derived. */
@Entity
@Immutable
@Table(name = "case_version")
public class CaseVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_version_seq")
    @SequenceGenerator(name = "case_version_seq", sequenceName = "case_version_seq", allocationSize = 50)
    Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    CaseReport caseReport;

    int version;

    @Enumerated(EnumType.STRING)
    @Column(name = "version_type")
    VersionType versionType;

    @Column(name = "received_at")
    Instant receivedAt;

    /** The subject that submitted this version. */
    @Column(name = "submitted_by")
    String submittedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_qualification")
    ReporterQualification reporterQualification;

    @Column(name = "reporter_country", columnDefinition = "bpchar")
    String reporterCountry;

    @Column(name = "reporter_organisation")
    String reporterOrganisation;

    @Column(name = "reporter_contact")
    String reporterContact;

    @Column(name = "patient_initials")
    String patientInitials;

    @Column(name = "patient_age_value")
    BigDecimal patientAgeValue;

    @Enumerated(EnumType.STRING)
    @Column(name = "patient_age_unit")
    AgeUnit patientAgeUnit;

    @Enumerated(EnumType.STRING)
    @Column(name = "patient_age_group")
    AgeGroup patientAgeGroup;

    @Enumerated(EnumType.STRING)
    @Column(name = "patient_sex")
    Sex patientSex;

    @Column(name = "patient_weight_kg")
    BigDecimal patientWeightKg;

    @Column(name = "patient_pregnant")
    Boolean patientPregnant;

    @Column(name = "date_of_death")
    LocalDate dateOfDeath;

    String narrative;

    boolean serious;

    @Enumerated(EnumType.STRING)
    @Column(name = "derived_age_group")
    AgeGroup derivedAgeGroup;

    @Column(name = "liver_r_ratio")
    BigDecimal liverRRatio;

    @Enumerated(EnumType.STRING)
    @Column(name = "liver_injury_pattern")
    LiverInjuryPattern liverInjuryPattern;

    @Column(name = "hys_law")
    Boolean hysLaw;

    /** The reporting centre's own case reference. */
    @Column(name = "centre_reference")
    String centreReference;

    /** Exposure, care, history, vital signs and toxicology as JSON ({@link PoisonCentreFields}); null before V61. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON)
    @Column(name = "poison_centre")
    String poisonCentre;

    @OneToMany(mappedBy = "caseVersion", cascade = CascadeType.PERSIST)
    @OrderBy("seq")
    List<CaseProduct> products = new ArrayList<>();

    @OneToMany(mappedBy = "caseVersion", cascade = CascadeType.PERSIST)
    @OrderBy("seq")
    List<CaseReaction> reactions = new ArrayList<>();

    @OneToMany(mappedBy = "caseVersion", cascade = CascadeType.PERSIST)
    @OrderBy("seq")
    List<CaseLab> labs = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "case_seriousness", joinColumns = @JoinColumn(name = "case_version_id"))
    @Column(name = "criterion")
    @Enumerated(EnumType.STRING)
    Set<SeriousnessCriterion> seriousnessCriteria = EnumSet.noneOf(SeriousnessCriterion.class);
}
