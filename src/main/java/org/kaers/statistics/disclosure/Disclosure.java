package org.kaers.statistics.disclosure;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.kaers.security.Caller;
import org.kaers.statistics.Dimension;
import org.kaers.statistics.SmallCellPolicy;
import org.kaers.statistics.model.Protection;

/**
 * The disclosure model, in one place: who gets exact counts, the released value of every cell (the cell key
 * method through {@link PerturbationTable}), which values are free text, and which operations serve numbers
 * about cases and how each is protected ({@link #OPERATIONS}, checked against the served OpenAPI document by a
 * test, so an endpoint cannot be added without being registered here).
 *
 * <p>Threat model: an authenticated researcher (possibly also a reporter who knows some cases) who may send any
 * number of requests with any filters, dimensions, orderings, pages and formats, and keep every answer. The
 * keys of cases are never released; reviewers and administrators read cases anyway and get exact counts.
 */
@ApplicationScoped
public class Disclosure implements org.kaers.vocabulary.model.CountedCases {

    /** How a dimension's values can identify a case. */
    public enum ValueKind {
        /** A value from a closed list or a curated vocabulary: shown with its (perturbed) count. */
        CATEGORY,
        /** A canonical product: its id always; its name only once curated (until then it is a reporter's text). */
        PRODUCT,
        /** A reporter's text: shown only when it occurs in at least {@link #freeTextMinimumCases()} cases. */
        FREE_TEXT
    }

    /**
     * Every statistics, signals, product and substance operation (OpenAPI operationId) and how the numbers it
     * serves are protected.
     */
    public static final Map<String, String> OPERATIONS = Map.ofEntries(
            Map.entry("countCases", "cell key: every group, missing count and total; free text by frequency"),
            Map.entry("caseTrend", "cell key: every period (quarters and years as cells of their own), missing, total"),
            Map.entry("summarise", "cell key: built from countCases"),
            Map.entry(
                    "signalTable",
                    "cell key: a, a+b, a+c and N are released cells; b, c, d derived from them; "
                            + "minCases and sorting on released values"),
            Map.entry("lineListing", "not served to researchers (REVIEWER, ADMIN)"),
            Map.entry("liverPeaks", "not served to researchers (REVIEWER, ADMIN): a row per case, for the eDISH plot"),
            Map.entry("perturbationTable", "published parameters, no case data"),
            Map.entry("aggregateStatus", "operational figures (queue length, lag), no case attributes"),
            Map.entry("catchUpAggregates", "ADMIN only"),
            Map.entry("rebuildAggregates", "ADMIN only"),
            Map.entry("ebgmPrior", "fitted hyperparameters over the whole database"),
            Map.entry("refitEbgmPrior", "ADMIN only"),
            Map.entry(
                    "searchProducts",
                    "cell key: case counts; ordered by id; uncurated names and text search by frequency"),
            Map.entry("getProduct", "cell key: case count; name, reported names and aliases by frequency"),
            Map.entry(
                    "previewProductMatch",
                    "codes against the aliases the caller may see only (curated ones, and "
                            + "reported names of at least the free-text minimum of cases): a rarely reported name is answered as a "
                            + "name nobody reported; cell key on the case count"),
            Map.entry("curateProduct", "REVIEWER, ADMIN only"),
            Map.entry("mergeProduct", "REVIEWER, ADMIN only"),
            Map.entry("productReviewQueue", "REVIEWER, ADMIN only"),
            Map.entry("listSubstances", "counts products, not cases"),
            Map.entry(
                    "latestRelease",
                    "the release's id, date and data version; case and cell counts only for exact callers"),
            Map.entry("getRelease", "the release's id, date and data version; its case count as latestRelease"),
            Map.entry("cutRelease", "ADMIN only"),
            Map.entry(
                    "openFdaFoodEvent",
                    "openFDA's contract (openfda/): researchers count and total only, from the "
                            + "latest release, cell key on every total and bucket, reporters' text by frequency; records to "
                            + "REVIEWER, ADMIN only"),
            Map.entry("openFdaFoodEventV1", "as openFdaFoodEvent"),
            Map.entry("searchTerms", "no case counts; for callers reading frozen releases the release's vocabulary"),
            Map.entry("getTerm", "no case counts; the release's vocabulary for callers reading frozen releases"),
            Map.entry("listOrganClasses", "counts terms, not cases; the release's vocabulary for frozen callers"),
            Map.entry("previewCoding", "codes through the release's vocabulary for callers reading frozen releases"),
            Map.entry("addTerm", "REVIEWER, ADMIN only"),
            Map.entry("codingQueue", "REVIEWER, ADMIN only"),
            Map.entry("codeVerbatim", "REVIEWER, ADMIN only"),
            Map.entry(
                    "publicCounts",
                    "public tier, no token: one coarse dimension of the latest release, each value a "
                            + "function of the researcher's released value of the same cell (publicValue)"));

    /**
     * The dimensions the public tier counts by, one at a time and without filters: closed lists only (no product, no
     * term, no free text, no country), each with few values, so that a public table is a handful of large cells.
     */
    public static final java.util.List<Dimension> PUBLIC_DIMENSIONS = java.util.List.of(
            Dimension.SUBSTANCE,
            Dimension.ORGAN_CLASS,
            Dimension.CRITERION,
            Dimension.SERIOUS,
            Dimension.AGE_GROUP,
            Dimension.SEX);

    /** Public values are multiples of this. */
    public static final long PUBLIC_BASE = 10;

    /** A cell whose researcher's released value is below this is not published (nor is its absence told apart). */
    public static final long PUBLIC_MINIMUM = 10;

    private final PerturbationTable table;
    private final Caller caller;

    Disclosure(SmallCellPolicy.Config config, Caller caller) {
        this.table = new PerturbationTable(config.smallCellThreshold());
        this.caller = caller;
    }

    /** What kind of value a dimension has: exhaustive, so a new dimension must be classified to compile. */
    public static ValueKind kind(Dimension d) {
        return switch (d) {
            case PRODUCT -> ValueKind.PRODUCT;
            // A source's outcome list is text from a file (FDA's is a short fixed list, but nothing enforces it).
            case PRODUCT_NAME, VERBATIM, SOURCE_OUTCOME -> ValueKind.FREE_TEXT;
            case SUBSTANCE,
                    PRODUCT_FORM,
                    PRODUCT_ROLE,
                    SYMPTOM,
                    ORGAN_CLASS,
                    OUTCOME,
                    CRITERION,
                    SERIOUS,
                    AGE_GROUP,
                    SEX,
                    REPORTER_QUALIFICATION,
                    COUNTRY,
                    SOURCE,
                    EXPOSURE_REASON,
                    EXPOSURE_CHRONICITY,
                    EXPOSURE_SITE,
                    CARE_LEVEL,
                    MEDICAL_OUTCOME,
                    CAUSALITY -> ValueKind.CATEGORY;
        };
    }

    /**
     * Whether the caller gets exact counts: reviewers and administrators, who may read every case anyway, and
     * internal reads outside any request (the EBGM prior fit, checks), which release nothing to anyone. A
     * threshold of 0 turns disclosure control off for everyone (closed deployments, tests of exact counting).
     */
    @Override
    public boolean exact() {
        boolean inRequest = io.quarkus.arc.Arc.container().requestContext().isActive();
        return table.threshold() == 0 || !inRequest || caller.seesAllCases();
    }

    /**
     * The value released to the caller for a cell.
     *
     * @param n the cell's true count
     * @param keySum the sum of the disclosure keys of its cases
     */
    @Override
    public long release(long n, long keySum) {
        return exact() ? n : table.release(n, keySum);
    }

    /** Counts from 1 up to this are never released to the caller (0 when exact). */
    public int threshold() {
        return exact() ? 0 : table.threshold();
    }

    /** A free text is shown when it occurs in at least this many cases (more than the threshold). */
    @Override
    public long freeTextMinimumCases() {
        return table.threshold() + 1L;
    }

    /** The protection of the caller's responses, for meta blocks. */
    public Protection protection() {
        return exact()
                ? new Protection("NONE", 0, 0, 0, 0, Protection.TABLE, Protection.EXACT_NOTE)
                : new Protection(
                        "CELL_KEY",
                        table.threshold(),
                        round(PerturbationTable.noiseStandardDeviation()),
                        PerturbationTable.maxNoise(),
                        freeTextMinimumCases(),
                        Protection.TABLE,
                        Protection.CELL_KEY_NOTE);
    }

    /**
     * Whether the caller's numbers come from the latest frozen release rather than the live aggregates: every
     * caller without exact counts (researchers), so that answers do not change as single cases arrive and no one
     * can tell which cells a new case entered by asking before and after it. Live: reviewers, administrators and
     * internal reads.
     */
    public boolean frozen() {
        return !exact();
    }

    /** The table of aggregate cells the caller's counts are read from: the latest release's, or the live one. */
    public String cells() {
        return frozen() ? "stats_release_cell" : "stats_cell";
    }

    /**
     * How the caller's recounts from the raw rows pick the counted version of each case, as a join after
     * {@code from case_version v} that also yields {@code case_report cr}: the versions of the latest release, or
     * the latest active versions.
     */
    @Override
    public String caseScope() {
        return frozen()
                ? " join stats_release_case rc on rc.version_id = v.id join case_report cr on cr.id = v.case_id "
                : latestActive();
    }

    /** The live counting rule, report's: the latest version of each case that is not nullified. */
    @Override
    public String latestActive() {
        return org.kaers.report.model.CaseScope.LATEST_ACTIVE;
    }

    /**
     * An operational figure about the live data (cases waiting to be folded in, when changes were last folded in,
     * cases at an EBGM prior's fit): exact
     * for callers with exact counts, withheld (null) from the others, who read a frozen release and would otherwise
     * learn exactly how many cases arrived since.
     */
    public <T> T operational(T exactValue) {
        return exact() ? exactValue : null;
    }

    /**
     * The public value of a cell, from the value the researcher gets for the same cell of the same release (never
     * from its true count): null (not published) below {@link #PUBLIC_MINIMUM}, else rounded to the nearest multiple of
     * {@link #PUBLIC_BASE} (halves up). A function of the researcher's answer alone, so that public answers added to a
     * researcher's tell them nothing their own answers do not, and the cell key method's protection carries over.
     */
    public static Long publicValue(long researcherValue) {
        if (researcherValue < PUBLIC_MINIMUM) {
            return null;
        }
        return (researcherValue + PUBLIC_BASE / 2) / PUBLIC_BASE * PUBLIC_BASE;
    }

    public PerturbationTable table() {
        return table;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
