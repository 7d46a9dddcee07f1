package org.kaers.report;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseStatus;
import org.kaers.report.model.NullificationReason;
import org.kaers.report.model.NullificationRequest;

/** Nullification (E2B): a case is voided, irreversibly, optionally as the duplicate of another. */
@ApplicationScoped
public class CaseNullification {

    /** The log category stays the service's, as before the split. */
    private static final Logger LOG = Logger.getLogger(CaseReportService.class);

    private final CaseReportRepository cases;
    private final CaseViews views;
    private final MeterRegistry metrics;

    CaseNullification(CaseReportRepository cases, CaseViews views, MeterRegistry metrics) {
        this.cases = cases;
        this.views = views;
        this.metrics = metrics;
    }

    /** Voids the case, irreversibly. {@code ifMatch} is optional here; when given it must be current. */
    @Transactional
    public CaseReportView nullify(String caseNumber, NullificationRequest request, String ifMatch) {
        List<Violation> violations = new ArrayList<>();
        if (request.duplicateOf() != null && request.reason() != NullificationReason.DUPLICATE) {
            violations.add(Violation.body("duplicateOf", "is only allowed with reason DUPLICATE"));
        }
        if (request.reason() == NullificationReason.OTHER
                && (request.comment() == null || request.comment().isBlank())) {
            violations.add(Violation.body("comment", "is required with reason OTHER"));
        }
        if (caseNumber.equals(request.duplicateOf())) {
            violations.add(Violation.body("duplicateOf", "must name another case"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        CaseReport c = cases.lockByCaseNumber(caseNumber).orElseThrow(() -> CaseViews.unknownCase(caseNumber));
        if (c.status == CaseStatus.NULLIFIED) {
            throw new ApiProblem(
                    ProblemType.ALREADY_NULLIFIED,
                    "case " + caseNumber + " was already nullified; nullification cannot be undone or repeated");
        }
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            EntityTags.requireMatch(ifMatch, c.currentVersion); // optional here; * matches any version
        }
        if (request.duplicateOf() != null) {
            CaseReport survivor = cases.findByCaseNumber(request.duplicateOf())
                    .orElseThrow(() -> ApiProblem.invalid(Violation.body("duplicateOf", "no case has this number")));
            if (survivor.status == CaseStatus.NULLIFIED) {
                throw ApiProblem.invalid(Violation.body("duplicateOf", "names a nullified case"));
            }
        }
        Instant now = CaseClock.now();
        c.status = CaseStatus.NULLIFIED;
        c.nullifiedAt = now;
        c.nullificationReason = request.reason();
        c.nullificationComment = request.comment();
        c.duplicateOf = request.duplicateOf();
        c.updatedAt = now;
        metrics.counter("kaers.reports.nullified", "reason", request.reason().name())
                .increment();
        LOG.infof("case %s nullified (%s)", c.caseNumber, request.reason());
        return views.view(c, views.current(c));
    }
}
