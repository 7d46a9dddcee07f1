package org.kaers.causality;

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
import org.hibernate.annotations.Immutable;
import org.kaers.causality.model.NaranjoBand;
import org.kaers.causality.model.RucamBand;
import org.kaers.causality.model.RucamScale;
import org.kaers.causality.model.WhoUmcCategory;

/** One version of a reviewer's causality assessment of a product x reaction. Never updated. */
@Entity
@Immutable
@Table(name = "causality_assessment")
class CausalityAssessment {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "causality_assessment_seq")
    @SequenceGenerator(
            name = "causality_assessment_seq",
            sequenceName = "causality_assessment_seq",
            allocationSize = 50)
    Long id;

    @Column(name = "case_id")
    long caseId;

    @Column(name = "product_index")
    int productIndex;

    @Column(name = "product_name")
    String productName;

    @Column(name = "reaction_index")
    int reactionIndex;

    @Column(name = "reaction_verbatim")
    String reactionVerbatim;

    @Column(name = "assessment_version")
    int version;

    @Column(name = "case_version")
    int caseVersion;

    String assessor;

    @Column(name = "assessed_at")
    Instant assessedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "who_umc")
    WhoUmcCategory whoUmc;

    /** The ten answers as JSON. */
    @Column(name = "naranjo_answers")
    String naranjoAnswers;

    @Column(name = "naranjo_score")
    Integer naranjoScore;

    @Enumerated(EnumType.STRING)
    @Column(name = "naranjo_band")
    NaranjoBand naranjoBand;

    @Enumerated(EnumType.STRING)
    @Column(name = "rucam_requested_scale")
    RucamScale rucamRequestedScale;

    /** The reviewer's own RUCAM answers as JSON (item -> answer), kept so a changed case can be recomputed. */
    @Column(name = "rucam_answers")
    String rucamAnswers;

    /** The whole RUCAM result as JSON, as computed on {@link #caseVersion}. */
    @Column(name = "rucam_result")
    String rucamResult;

    @Column(name = "rucam_score")
    Integer rucamScore;

    @Enumerated(EnumType.STRING)
    @Column(name = "rucam_band")
    RucamBand rucamBand;

    String comment;
}
