package org.kaers.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.kaers.causality.CausalityService;
import org.kaers.causality.model.CausalityRequest;
import org.kaers.causality.model.CausalityView;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemMappers;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.CaseReads;
import org.kaers.report.CaseReportService;
import org.kaers.report.model.CaseReportRequest;
import org.kaers.report.model.CaseReportView;
import org.kaers.security.Caller;

/**
 * FHIR R4 in and out of the case life cycle: a case version exported as a Bundle, with what the caller may see
 * (the case read's access rules; causality for reviewers and administrators, who read assessments), and a
 * Bundle submitted as a new case through {@link CaseReportService#submit}, so that it meets the same rules and
 * gets the same derivations and coding as a JSON submission. Errors name the FHIR element at fault.
 */
@ApplicationScoped
public class FhirService {

    private final CaseReportService cases;
    private final CaseReads reads;
    private final CausalityService causality;
    private final Caller caller;
    private final Validator validator;
    private final RecordExtensions records;

    FhirService(
            CaseReportService cases,
            CaseReads reads,
            CausalityService causality,
            Caller caller,
            Validator validator,
            ObjectMapper json) {
        this.cases = cases;
        this.reads = reads;
        this.causality = causality;
        this.caller = caller;
        this.validator = validator;
        this.records = new RecordExtensions(json);
    }

    /** A stored case version as a Bundle, and whether it replays an earlier submission (Idempotency-Key). */
    public record Exported(String caseNumber, int version, String bundle, boolean replayed) {}

    /** The case at a version (null: the latest) as FHIR JSON. */
    public Exported export(String caseNumber, Integer version) {
        CaseReportView view = version == null ? reads.latest(caseNumber) : reads.read(caseNumber, version);
        return exported(view, false);
    }

    /**
     * Submits the Bundle's AdverseEvent as a new case (version 1), and its suspect entities' causality as the
     * reviewer's assessments of that case, in one transaction (a refused assessment stores no case). Causality is a
     * reviewer's act (POST .../causality is REVIEWER and ADMIN): a reporter's Bundle that carries one is a 400 naming
     * the element, and nothing is stored.
     */
    @Transactional
    public Exported submit(String body, String idempotencyKey) {
        Bundle bundle = parse(body);
        CaseBundleReader reader = CaseBundleReader.of(records, bundle);
        CaseReportRequest report;
        List<CaseBundleReader.ImportedCausality> assessed;
        try {
            report = reader.read();
            assessed = reader.causality(
                    report.reactions().size(),
                    report.reactions().stream()
                            .map(CaseReportRequest.Reaction::verbatim)
                            .toList());
        } catch (ReadProblem e) {
            throw ApiProblem.invalid(Violation.body(e.element(), e.getMessage()));
        }
        if (!assessed.isEmpty() && !caller.seesAllCases()) {
            throw ApiProblem.invalid(assessed.stream()
                    .map(a -> Violation.body(
                            a.element(),
                            "a causality assessment is "
                                    + "a reviewer's (REVIEWER, ADMIN): a reporter's Bundle may not carry one; submit it without "
                                    + "suspectEntity.causality"))
                    .toList());
        }
        Set<ConstraintViolation<CaseReportRequest>> invalid = validator.validate(report);
        if (!invalid.isEmpty()) {
            throw ApiProblem.invalid(invalid.stream()
                    .map(ProblemMappers::toViolation)
                    .map(v -> inFhir(v, reader))
                    .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                    .toList());
        }
        CaseReportService.Stored stored;
        try {
            stored = cases.submit(report, idempotencyKey);
        } catch (ApiProblem e) {
            if (e.type() != ProblemType.VALIDATION) {
                throw e;
            }
            List<Violation> translated = new ArrayList<>();
            e.violations().forEach(v -> translated.add("body".equals(v.in()) ? inFhir(v, reader) : v));
            throw ApiProblem.invalid(translated);
        }
        if (!stored.replayed()) {
            for (CaseBundleReader.ImportedCausality a : assessed) {
                try {
                    causality.create(
                            stored.view().caseNumber(),
                            new CausalityRequest(
                                    a.productIndex(), a.reactionIndex(), a.whoUmc(), null, null, a.comment()));
                } catch (ApiProblem e) {
                    if (e.type() != ProblemType.VALIDATION) {
                        throw e;
                    }
                    throw ApiProblem.invalid(e.violations().stream()
                            .map(v -> Violation.body(a.element(), v.message() + " (causality field " + v.field() + ")"))
                            .toList());
                }
            }
        }
        return exported(stored.view(), stored.replayed());
    }

    private Exported exported(CaseReportView view, boolean replayed) {
        boolean assessments = caller.seesAllCases();
        List<CausalityView> assessed = assessments ? causality.list(view.caseNumber()) : List.of();
        Bundle bundle =
                CaseBundleWriter.write(records, view, assessed, new CaseBundleWriter.Audience(true, assessments));
        return new Exported(view.caseNumber(), view.version(), Fhir.writer().encodeResourceToString(bundle), replayed);
    }

    /** A violation of the report's rules, named by the FHIR element the field came from. */
    private static Violation inFhir(Violation v, CaseBundleReader reader) {
        return Violation.body(reader.element(v.field()), v.message() + " (case report field " + v.field() + ")");
    }

    private static Bundle parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.invalid(Violation.body("Bundle", "the body must be a FHIR R4 Bundle in JSON"));
        }
        try {
            return Fhir.strictParser().parseResource(Bundle.class, body);
        } catch (DataFormatException | ClassCastException e) {
            String message = e.getMessage() == null ? "not a FHIR R4 Bundle" : e.getMessage();
            // HAPI prefixes its messages with a code (HAPI-1861: ...): the code helps nobody here
            message = message.replaceFirst("^HAPI-\\d+: ", "");
            throw ApiProblem.invalid(Violation.body(
                    "Bundle",
                    "is not a valid FHIR R4 Bundle: "
                            + (message.length() > 300 ? message.substring(0, 300) : message)));
        }
    }
}
