package org.kaers.imports;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;
import org.kaers.report.CaseReportRequest;
import org.kaers.report.CaseReportService;
import org.kaers.report.CaseSource;
import org.kaers.report.ProductRole;
import org.kaers.report.ReactionOutcome;
import org.kaers.report.ReporterQualification;
import org.kaers.report.SeriousnessCriterion;
import org.kaers.vocabulary.CodingMethod;
import org.kaers.vocabulary.SymptomCoder;

/**
 * Imports an FDA CAERS export. Each report becomes one case (source CAERS, its report number kept as the
 * external id, received on its CAERS created date, reporter UNKNOWN) through the same validation,
 * derivation and coding as a submission, in batches of {@value #BATCH} reports per transaction.
 * Re-importing a file stores nothing twice: a report number already stored is left unchanged.
 */
@ApplicationScoped
public class CaersImporter {

    private static final Logger LOG = Logger.getLogger(CaersImporter.class);
    static final int BATCH = 500;
    private static final int MAX_LISTED = 1000;

    private final CaseReportService cases;
    private final SymptomCoder symptoms;
    private final Validator validator;
    private final org.kaers.report.SourceOutcomes sourceOutcomes;

    CaersImporter(CaseReportService cases, SymptomCoder symptoms, Validator validator,
            org.kaers.report.SourceOutcomes sourceOutcomes) {
        this.cases = cases;
        this.symptoms = symptoms;
        this.validator = validator;
        this.sourceOutcomes = sourceOutcomes;
    }

    public ImportSummary importFile(Reader csv) {
        CaersFile.Contents contents = CaersFile.read(csv);
        List<ImportSummary.Skip> problems = new ArrayList<>();
        int skipped = 0;
        for (CaersFile.Problem p : contents.problems()) {
            problems.add(new ImportSummary.Skip(p.line() > 0 ? p.line() : null, p.reportNumber(), p.reason()));
            skipped++;
        }
        Map<String, Boolean> joined = new HashMap<>();
        Map<String, List<String>> reported = new HashMap<>(); // CAERS's outcomes by report number
        List<CaseReportService.ImportedCase> batch = new ArrayList<>();
        int imported = 0;
        int present = 0;
        for (Map.Entry<String, List<CaersFile.Row>> report : contents.reports().entrySet()) {
            try {
                CaseReportService.ImportedCase built = build(report.getKey(), report.getValue(), joined, reported);
                String invalid = violations(built.report());
                if (invalid != null) {
                    problems.add(new ImportSummary.Skip(null, report.getKey(), invalid));
                    skipped++;
                    continue;
                }
                batch.add(built);
            } catch (IllegalArgumentException e) {
                problems.add(new ImportSummary.Skip(report.getValue().get(0).line(), report.getKey(), e.getMessage()));
                skipped++;
                continue;
            }
            if (batch.size() == BATCH) {
                int[] counts = store(batch, problems, reported);
                imported += counts[0];
                present += counts[1];
                skipped += counts[2];
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            int[] counts = store(batch, problems, reported);
            imported += counts[0];
            present += counts[1];
            skipped += counts[2];
        }
        LOG.infof("CAERS import: %d rows, %d reports, %d imported, %d already present, %d skipped",
                contents.rows(), contents.reports().size(), imported, present, skipped);
        List<ImportSummary.Skip> listed = problems.size() > MAX_LISTED ? problems.subList(0, MAX_LISTED) : problems;
        return new ImportSummary(contents.rows(), contents.reportCount(), imported, present, skipped,
                List.copyOf(listed));
    }

    private int[] store(List<CaseReportService.ImportedCase> batch, List<ImportSummary.Skip> problems,
            Map<String, List<String>> reported) {
        int imported = 0;
        int present = 0;
        int rejected = 0;
        // FDA's terms are MedDRA preferred terms, already coded: exact synonym or their own term, never corrected.
        symptoms.ensureSourceCoded(batch.stream().flatMap(c -> c.report().reactions().stream())
                .map(CaseReportRequest.Reaction::verbatim).toList());
        List<CaseReportService.ImportOutcome> outcomes = cases.importBatch(CaseSource.CAERS, List.copyOf(batch));
        // CAERS's own outcome list, per case (every report of the batch: a re-import fills in what is missing).
        Map<String, List<String>> listed = new HashMap<>();
        batch.forEach(c -> listed.put(c.externalId(), reported.getOrDefault(c.externalId(), List.of())));
        sourceOutcomes.record(CaseSource.CAERS, listed);
        for (CaseReportService.ImportOutcome outcome : outcomes) {
            if (outcome.caseNumber() != null) {
                imported++;
            } else if (outcome.alreadyPresent()) {
                present++;
            } else {
                rejected++;
                problems.add(new ImportSummary.Skip(null, outcome.externalId(), outcome.rejection()));
            }
        }
        return new int[] {imported, present, rejected};
    }

    /** The same single-field rules as a submission (Bean Validation); the first broken one, or null. */
    private String violations(CaseReportRequest report) {
        Set<ConstraintViolation<CaseReportRequest>> found = validator.validate(report);
        if (found.isEmpty()) {
            return null;
        }
        ConstraintViolation<CaseReportRequest> v = found.stream()
                .min((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString())).orElseThrow();
        return v.getPropertyPath() + ": " + v.getMessage();
    }

    private CaseReportService.ImportedCase build(String number, List<CaersFile.Row> rows, Map<String, Boolean> joined,
            Map<String, List<String>> reported) {
        CaersFile.Row first = rows.get(0);
        LocalDate created = CaersMapping.date(first.get(CaersFile.CREATED));
        if (created == null) {
            throw new IllegalArgumentException("no CAERS created date");
        }
        LocalDate eventStart = CaersMapping.date(first.get(CaersFile.EVENT_START));
        BigDecimal ageValue = CaersMapping.age(first.get(CaersFile.AGE));
        var ageUnit = CaersMapping.ageUnit(first.get(CaersFile.AGE_UNIT));
        CaseReportRequest.Age age = ageValue != null && ageUnit != null ? new CaseReportRequest.Age(ageValue, ageUnit) : null;

        Set<String> outcomes = new LinkedHashSet<>();
        Set<String> symptomList = new LinkedHashSet<>();
        List<CaseReportRequest.Product> products = new ArrayList<>();
        Set<String> industries = new LinkedHashSet<>();
        for (CaersFile.Row row : rows) {
            outcomes.addAll(CaersMapping.list(row.get(CaersFile.OUTCOMES)));
            symptomList.addAll(symptoms(row.get(CaersFile.SYMPTOMS), joined));
            ProductRole role = CaersMapping.role(row.get(CaersFile.ROLE));
            String name = row.get(CaersFile.PRODUCT).isEmpty() ? "UNKNOWN" : row.get(CaersFile.PRODUCT);
            products.add(new CaseReportRequest.Product(role, name, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null));
            String industry = (row.get(CaersFile.INDUSTRY_CODE) + " " + row.get(CaersFile.INDUSTRY_NAME)).strip();
            if (!industry.isEmpty()) {
                industries.add(industry);
            }
        }
        if (symptomList.isEmpty()) {
            throw new IllegalArgumentException("no coded symptoms");
        }
        Set<SeriousnessCriterion> criteria = CaersMapping.criteria(List.copyOf(outcomes));
        reported.put(number, List.copyOf(outcomes));
        // CAERS outcomes are per report: with DEATH every reaction is FATAL (it does not say which one was).
        ReactionOutcome outcome = criteria.contains(SeriousnessCriterion.DEATH) ? ReactionOutcome.FATAL
                : ReactionOutcome.UNKNOWN;
        List<CaseReportRequest.Reaction> reactions = symptomList.stream()
                .map(s -> new CaseReportRequest.Reaction(s, eventStart, outcome)).toList();
        String narrative = "Imported from FDA CAERS report " + number + ". CAERS outcomes: "
                + (outcomes.isEmpty() ? "none" : String.join(", ", outcomes))
                + (industries.isEmpty() ? "." : ". FDA industry: " + String.join("; ", industries) + ".");
        CaseReportRequest report = new CaseReportRequest(
                new CaseReportRequest.Reporter(ReporterQualification.UNKNOWN, null, null, null),
                new CaseReportRequest.Patient(null, age, null, CaersMapping.sex(first.get(CaersFile.GENDER)), null, null),
                products, reactions, List.copyOf(criteria), null, List.of(), narrative);
        return new CaseReportService.ImportedCase(number, created.atStartOfDay(ZoneOffset.UTC).toInstant(), report);
    }

    /**
     * Splits a CAERS symptom list on commas, joining back MedDRA names that contain a comma
     * ("HALLUCINATION, VISUAL") when the joined name is a vocabulary name.
     */
    List<String> symptoms(String value, Map<String, Boolean> joined) {
        List<String> raw = new ArrayList<>();
        for (String p : value.split(",")) {
            if (!p.isBlank()) {
                raw.add(p.strip());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String current = raw.get(i);
            if (i + 1 < raw.size()) {
                String both = current + ", " + raw.get(i + 1);
                boolean known = joined.computeIfAbsent(both,
                        k -> symptoms.match(k).method() == CodingMethod.EXACT);
                if (known) {
                    out.add(both);
                    i++;
                    continue;
                }
            }
            out.add(current);
        }
        return out;
    }
}
