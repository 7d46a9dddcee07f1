package org.kaers.causality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.kaers.causality.model.CausalityRequest;
import org.kaers.causality.model.CausalityView;
import org.kaers.causality.model.RucamAnswer;
import org.kaers.causality.model.RucamItem;
import org.kaers.causality.model.RucamResult;
import org.kaers.causality.model.RucamScale;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.CaseReads;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.PatientHistory;
import org.kaers.report.model.ProductRole;
import org.kaers.security.Caller;

/**
 * Causality assessments: created on the case's latest version, append-only per product x reaction, read
 * back with whether the case changed since and RUCAM recomputed on the latest version. Owns the transactions.
 */
@ApplicationScoped
public class CausalityService {

    private static final Logger LOG = Logger.getLogger(CausalityService.class);
    /** Substances whose hepatotoxicity is published but not labelled (RUCAM item 6: +1). */
    private static final Set<String> PUBLISHED_HEPATOTOXINS = Set.of("KRATOM", "SEVEN_OH");

    private final CausalityRepository assessments;
    private final CaseReads cases;
    private final ObjectMapper json;
    private final Caller caller;

    CausalityService(CausalityRepository assessments, CaseReads cases, ObjectMapper json, Caller caller) {
        this.assessments = assessments;
        this.cases = cases;
        this.json = json;
        this.caller = caller;
    }

    /** A reviewer's assessment of a product x reaction of the case's latest version (its next version if assessed). */
    @Transactional
    public CausalityView create(String caseNumber, CausalityRequest request) {
        CausalityRepository.CaseRow row =
                assessments.caseRow(caseNumber, true).orElseThrow(() -> unknownCase(caseNumber));
        if ("NULLIFIED".equals(row.status())) {
            throw new ApiProblem(
                    ProblemType.ALREADY_NULLIFIED, "case " + caseNumber + " is nullified and takes no assessments");
        }
        CaseReportView latest = cases.latest(caseNumber);
        List<Violation> violations = new ArrayList<>();
        checkPair(latest.report(), request.productIndex(), request.reactionIndex(), violations);
        if (request.whoUmc() == null && request.naranjo() == null && request.rucam() == null) {
            violations.add(Violation.body("whoUmc", "give at least one of whoUmc, naranjo and rucam"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        RucamResult rucam = null;
        if (request.rucam() != null) {
            Map<RucamItem, RucamAnswer> answers = answers(request.rucam());
            rucam = rucam(
                    latest,
                    request.productIndex(),
                    request.reactionIndex(),
                    request.rucam().scale(),
                    answers);
            checkRucam(rucam, request.rucam().scale(), answers, violations);
            if (!violations.isEmpty()) {
                throw ApiProblem.invalid(violations);
            }
        }
        CausalityAssessment a = new CausalityAssessment();
        a.caseId = row.id();
        a.productIndex = request.productIndex();
        a.productName = latest.report().products().get(a.productIndex).name();
        a.reactionIndex = request.reactionIndex();
        a.reactionVerbatim = latest.report().reactions().get(a.reactionIndex).verbatim();
        a.version = assessments.nextVersion(row.id(), a.productIndex, a.reactionIndex);
        a.caseVersion = latest.version();
        a.assessor = caller.subject();
        a.assessedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        a.whoUmc = request.whoUmc();
        if (request.naranjo() != null) {
            a.naranjoAnswers = write(request.naranjo());
            a.naranjoScore = request.naranjo().score();
            a.naranjoBand = request.naranjo().band();
        }
        if (rucam != null) {
            a.rucamRequestedScale = request.rucam().scale();
            a.rucamAnswers = write(answers(request.rucam()));
            a.rucamResult = write(rucam);
            a.rucamScore = rucam.score();
            a.rucamBand = rucam.band();
        }
        a.comment = request.comment();
        assessments.persist(a);
        LOG.infof(
                "case %s: causality of product %d x reaction %d assessed (version %d)",
                caseNumber, a.productIndex, a.reactionIndex, a.version);
        return view(caseNumber, a, true, latest);
    }

    @Transactional
    public List<CausalityView> list(String caseNumber) {
        CausalityRepository.CaseRow row =
                assessments.caseRow(caseNumber, false).orElseThrow(() -> unknownCase(caseNumber));
        List<CausalityAssessment> all = assessments.ofCase(row.id());
        if (all.isEmpty()) {
            return List.of();
        }
        CaseReportView latest = cases.latest(caseNumber);
        List<CausalityView> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            CausalityAssessment a = all.get(i);
            boolean current = i + 1 == all.size()
                    || all.get(i + 1).productIndex != a.productIndex
                    || all.get(i + 1).reactionIndex != a.reactionIndex;
            views.add(view(caseNumber, a, current, latest));
        }
        return views;
    }

    @Transactional
    CausalityView read(String caseNumber, long id) {
        CausalityRepository.CaseRow row =
                assessments.caseRow(caseNumber, false).orElseThrow(() -> unknownCase(caseNumber));
        CausalityAssessment a = assessments
                .inCase(row.id(), id)
                .orElseThrow(() -> ApiProblem.notFound("case " + caseNumber + " has no causality assessment " + id));
        boolean current = assessments.nextVersion(row.id(), a.productIndex, a.reactionIndex) == a.version + 1;
        return view(caseNumber, a, current, cases.latest(caseNumber));
    }

    /** What RUCAM the latest version of the case gives now for a product x reaction, and what is left to answer. */
    @Transactional
    RucamResult preview(String caseNumber, int productIndex, int reactionIndex) {
        assessments.caseRow(caseNumber, false).orElseThrow(() -> unknownCase(caseNumber));
        CaseReportView latest = cases.latest(caseNumber);
        List<Violation> violations = new ArrayList<>();
        checkPair(latest.report(), productIndex, reactionIndex, violations);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations.stream()
                    .map(v -> Violation.query(v.field(), v.message()))
                    .toList());
        }
        return rucam(latest, productIndex, reactionIndex, null, Map.of());
    }

    private CausalityView view(String caseNumber, CausalityAssessment a, boolean current, CaseReportView latest) {
        boolean changed = latest.version() != a.caseVersion;
        CaseReportRequest report = latest.report();
        boolean pairPresent = a.productIndex < report.products().size()
                && a.productName.equals(report.products().get(a.productIndex).name())
                && a.reactionIndex < report.reactions().size()
                && a.reactionVerbatim.equals(
                        report.reactions().get(a.reactionIndex).verbatim());
        RucamResult stored = a.rucamResult == null ? null : read(a.rucamResult, new TypeReference<RucamResult>() {});
        RucamResult recomputed = null;
        if (stored != null && changed && pairPresent) {
            Map<RucamItem, RucamAnswer> answers =
                    read(a.rucamAnswers, new TypeReference<Map<RucamItem, RucamAnswer>>() {});
            recomputed = rucam(latest, a.productIndex, a.reactionIndex, a.rucamRequestedScale, answers);
        }
        CausalityView.NaranjoResult naranjo = a.naranjoAnswers == null
                ? null
                : new CausalityView.NaranjoResult(
                        read(a.naranjoAnswers, new TypeReference<Naranjo>() {}), a.naranjoScore, a.naranjoBand);
        return new CausalityView(
                a.id,
                caseNumber,
                a.productIndex,
                a.productName,
                a.reactionIndex,
                a.reactionVerbatim,
                a.version,
                current,
                a.assessor,
                a.assessedAt,
                a.caseVersion,
                latest.version(),
                changed,
                pairPresent,
                a.whoUmc,
                naranjo,
                stored,
                recomputed,
                a.comment);
    }

    private static RucamResult rucam(
            CaseReportView view,
            int productIndex,
            int reactionIndex,
            RucamScale scale,
            Map<RucamItem, RucamAnswer> answers) {
        var coding = view.derived().products().get(productIndex).coding();
        boolean hepatotoxin = coding != null && PUBLISHED_HEPATOTOXINS.contains(coding.substance());
        var history = view.report().patient().history();
        Boolean heavyAlcohol =
                history != null && history.contains(PatientHistory.ALCOHOL_USE_DISORDER) ? Boolean.TRUE : null;
        return Rucam.assess(
                view.report(),
                view.version(),
                productIndex,
                reactionIndex,
                new Rucam.Context(hepatotoxin, heavyAlcohol),
                scale,
                answers);
    }

    private static Map<RucamItem, RucamAnswer> answers(CausalityRequest.RucamInput input) {
        Map<RucamItem, RucamAnswer> answers = new EnumMap<>(RucamItem.class);
        if (input.answers() != null) {
            input.answers().forEach((item, answer) -> {
                if (item != null && answer != null) {
                    answers.put(item, answer);
                }
            });
        }
        return answers;
    }

    private static void checkPair(
            CaseReportRequest report, int productIndex, int reactionIndex, List<Violation> violations) {
        if (productIndex >= report.products().size()) {
            violations.add(Violation.body(
                    "productIndex", "the case has " + report.products().size() + " product(s)"));
        } else {
            ProductRole role = report.products().get(productIndex).role();
            if (role != ProductRole.SUSPECT && role != ProductRole.INTERACTING) {
                violations.add(
                        Violation.body("productIndex", "must name a SUSPECT or INTERACTING product, not " + role));
            }
        }
        if (reactionIndex >= report.reactions().size()) {
            violations.add(Violation.body(
                    "reactionIndex", "the case has " + report.reactions().size() + " reaction(s)"));
        }
    }

    private static void checkRucam(
            RucamResult result, RucamScale requested, Map<RucamItem, RucamAnswer> answers, List<Violation> violations) {
        if (!result.applicable()) {
            violations.add(Violation.body(
                    "rucam",
                    "RUCAM applies to liver injury: the case's labs show neither ALT >= 5 x ULN nor ALP >= 2 x ULN"));
            return;
        }
        if (result.scale() == null) {
            violations.add(
                    Violation.body(
                            "rucam.scale",
                            "the labs give no R ratio (ALT and ALP with their ULN); name the scale: HEPATOCELLULAR or CHOLESTATIC_OR_MIXED"));
            return;
        }
        answers.forEach((item, answer) -> {
            if (answer.item() != item || !answer.allowedOn(result.scale())) {
                violations.add(Violation.body(
                        "rucam.answers." + item,
                        item.onScale(result.scale())
                                ? "must be one of " + RucamAnswer.allowed(item, result.scale()) + " on the "
                                        + result.scale() + " scale"
                                : "is not an item of the " + result.scale() + " scale"));
            }
        });
        if (violations.isEmpty()) {
            for (RucamItem item : result.itemsToAnswer()) {
                violations.add(Violation.body(
                        "rucam.answers." + item,
                        "the case does not answer it; must be one of " + RucamAnswer.allowed(item, result.scale())));
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an assessment as JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored assessment is not readable JSON", e);
        }
    }

    private static ApiProblem unknownCase(String caseNumber) {
        return ApiProblem.notFound("no case has the number " + caseNumber);
    }
}
