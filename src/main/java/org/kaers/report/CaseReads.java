package org.kaers.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.report.model.CaseReportView;

/** Reads of cases: the latest version, one version, the version history and the case list, as the caller may see them. */
@ApplicationScoped
public class CaseReads {

    private final CaseReportRepository cases;
    private final CaseVersionRepository versions;
    private final CaseListQuery listQuery;
    private final CaseViews views;
    private final org.kaers.security.Caller caller;

    CaseReads(
            CaseReportRepository cases,
            CaseVersionRepository versions,
            CaseListQuery listQuery,
            CaseViews views,
            org.kaers.security.Caller caller) {
        this.cases = cases;
        this.versions = versions;
        this.listQuery = listQuery;
        this.views = views;
        this.caller = caller;
    }

    @Transactional
    public CaseReportView latest(String caseNumber) {
        CaseReport c = views.visible(cases.findByCaseNumber(caseNumber), caseNumber);
        return views.view(c, views.current(c));
    }

    @Transactional
    public CaseReportView read(String caseNumber, int version) {
        CaseReport c = views.visible(cases.findByCaseNumber(caseNumber), caseNumber);
        CaseVersion v = versions.findVersion(c, version)
                .orElseThrow(() -> ApiProblem.notFound(
                        "case " + caseNumber + " has no version " + version + "; its latest is " + c.currentVersion));
        return views.view(c, v);
    }

    @Transactional
    public List<VersionSummary> history(String caseNumber) {
        CaseReport c = views.visible(cases.findByCaseNumber(caseNumber), caseNumber);
        return versions.history(c).stream().map(CaseMapper::toVersionSummary).toList();
    }

    /** Read in one snapshot (common.PageReads), in a transaction of its own. */
    public PageResponse<CaseSummary> list(CaseFilter filter, PageRequest page) {
        return listQuery.page(filter, page, caller.seesAllCases() ? null : caller.subject());
    }
}
