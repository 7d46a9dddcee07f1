package org.kaers.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;
import org.kaers.report.model.CaseReportView;
import org.kaers.report.model.CaseSource;
import org.kaers.vocabulary.CodingLookup;

/** What intake and reads share: who may see a case, its current version, and a stored version as a view. */
@ApplicationScoped
class CaseViews {

    private final CaseVersionRepository versions;
    private final CodingLookup codings;
    private final org.kaers.security.Caller caller;

    CaseViews(CaseVersionRepository versions, CodingLookup codings, org.kaers.security.Caller caller) {
        this.versions = versions;
        this.codings = codings;
        this.caller = caller;
    }

    /**
     * The case if the caller may see it. A reporter asking for someone else's case gets the same 404 as for a
     * case that does not exist, so case numbers cannot be probed.
     */
    CaseReport visible(Optional<CaseReport> found, String caseNumber) {
        CaseReport c = found.orElseThrow(() -> unknownCase(caseNumber));
        if (!caller.maySee(c.submittedBy)) {
            throw unknownCase(caseNumber);
        }
        return c;
    }

    CaseReportView view(CaseReport c, CaseVersion v) {
        CodingLookup.Codings coded = codings.of(
                v.reactions.stream().map(r -> r.verbatim).toList(),
                v.products.stream().map(p -> p.nameReported).toList());
        return CaseMapper.toView(
                c,
                v,
                coded.reactions(),
                coded.products(),
                c.source == CaseSource.DIRECT ? null : versions.dataQuality(v));
    }

    CaseVersion current(CaseReport c) {
        return versions.findVersion(c, c.currentVersion)
                .orElseThrow(() -> new IllegalStateException("current version missing for " + c.caseNumber));
    }

    static ApiProblem unknownCase(String caseNumber) {
        return new ApiProblem(ProblemType.NOT_FOUND, "no case has this number", List.of(), Map.of());
    }
}
