package org.kaers.duplicates;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.kaers.common.ApiProblem;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.CaseReportService;
import org.kaers.report.NullificationReason;
import org.kaers.report.NullificationRequest;
import org.kaers.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Screens each new or changed case (a submission, follow-up or import; {@link ScreeningQueue}) against its blocked candidates, keeps the pairs at or above the threshold in a queue,
 * and carries out the reviewer's decision: confirm nullifies one case as a DUPLICATE of the other through the
 * case life cycle, dismiss closes the pair. Owns the transactions.
 */
@ApplicationScoped
class DuplicateService {

    /** Pairs at or above this weight are queued (chosen on the labelled set: README "Duplicates"). */
    static final double THRESHOLD = 14.0;
    /** At most this many candidates per new case, the most recent first. */
    static final int MAX_CANDIDATES = 500;

    private final FeatureStore store;
    private final ScreeningQueue queue;
    private final DuplicateRepository suspects;
    private final CaseReportService cases;
    private final ObjectMapper json;
    private final Caller caller;

    DuplicateService(FeatureStore store, ScreeningQueue queue, DuplicateRepository suspects, CaseReportService cases, ObjectMapper json,
            Caller caller) {
        this.store = store;
        this.queue = queue;
        this.suspects = suspects;
        this.cases = cases;
        this.json = json;
        this.caller = caller;
    }

    /**
     * Screens a queued case now (the API's answer to a new submission, after its commit): waits for a worker that
     * is on it; nothing to do when it is no longer queued. Returns how many suspects were queued.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int screenQueued(long caseId) {
        if (!queue.claim(caseId)) {
            return 0;
        }
        int found = screen(caseId, new java.util.HashMap<>());
        queue.remove(caseId);
        return found;
    }

    /** One case screened from the queue. */
    record Screened(long caseId, int suspects) {
    }

    /** A case whose screening failed: its transaction rolled back, its entry stays queued. */
    static final class ScreeningFailed extends RuntimeException {
        final long caseId;

        ScreeningFailed(long caseId, RuntimeException cause) {
            super(cause);
            this.caseId = caseId;
        }
    }

    /**
     * Screens the oldest queued case in its own transaction (the entry is deleted in it); empty when nothing is
     * queued. {@code wait}: wait for an entry another transaction holds rather than skip it. {@code counts}: the
     * value counts already made in this round ({@link FeatureStore#frequencies(CaseFeatures, Map)}).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Screened> screenNext(boolean wait, Map<String, Double> counts) {
        Optional<Long> next = queue.claimOldest(wait);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        long caseId = next.get();
        try {
            int found = screen(caseId, counts);
            queue.remove(caseId);
            suspects.flush(); // a constraint broken here is this case's failure, not the round's
            return Optional.of(new Screened(caseId, found));
        } catch (RuntimeException e) {
            throw new ScreeningFailed(caseId, e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void screeningFailed(long caseId) {
        queue.failed(caseId);
    }

    @Transactional
    DuplicateViews.Screening screeningState() {
        return queue.state();
    }

    /**
     * Scores the case (its latest version) against its candidates. A new pair at or above the threshold is
     * queued; a pair already OPEN is re-weighed (a follow-up changed a case) and stays open whatever its new
     * weight, for the reviewer to decide; a decided pair is never touched. The pair's {@code caseId} is the
     * case that came later (the higher id), so confirming keeps the earlier one by default whichever was screened.
     * Returns how many new suspects were queued.
     */
    private int screen(long caseId, Map<String, Double> counts) {
        CaseFeatures features = store.features(caseId).orElse(null);
        if (features == null) {
            return 0; // nullified: nothing to screen
        }
        List<Long> candidateIds = store.candidates(features, MAX_CANDIDATES);
        if (candidateIds.isEmpty()) {
            return 0;
        }
        Frequencies frequencies = store.frequencies(features, counts);
        int queued = 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (CaseFeatures candidate : store.features(candidateIds)) {
            LinkageScore score = LinkageScorer.score(features, candidate, frequencies);
            Optional<DuplicateSuspect> known = suspects.pair(caseId, candidate.id());
            if (known.isPresent()) {
                DuplicateSuspect s = known.get();
                BigDecimal weight = weight(score);
                String fields = write(score.fields());
                if (s.status == DuplicateStatus.OPEN && (s.score.compareTo(weight) != 0 || !s.fieldWeights.equals(fields))) {
                    s.score = weight;
                    s.fieldWeights = fields;
                    s.rescoredAt = now;
                }
                continue;
            }
            if (score.total() < THRESHOLD) {
                continue;
            }
            DuplicateSuspect s = new DuplicateSuspect();
            s.caseId = Math.max(caseId, candidate.id());
            s.candidateId = Math.min(caseId, candidate.id());
            s.score = weight(score);
            s.fieldWeights = write(score.fields());
            s.status = DuplicateStatus.OPEN;
            s.foundAt = now;
            suspects.persist(s);
            queued++;
        }
        return queued;
    }

    private static BigDecimal weight(LinkageScore score) {
        return BigDecimal.valueOf(score.total()).setScale(2, RoundingMode.HALF_UP);
    }

    @Transactional
    PageResponse<DuplicateViews.Suspect> list(DuplicateStatus status, String caseNumber, PageRequest page) {
        Long caseId = null;
        if (caseNumber != null) {
            caseId = suspects.caseId(caseNumber).orElse(-1L); // an unknown case has no suspects
        }
        List<DuplicateSuspect> found = suspects.page(status, caseId, page.page(), page.size());
        return PageResponse.of(views(found), page, suspects.countWith(status, caseId));
    }

    @Transactional
    DuplicateViews.Suspect read(long id) {
        return views(List.of(find(id, false))).get(0);
    }

    @Transactional
    DuplicateViews.Suspect confirm(long id, DuplicateViews.Confirmation confirmation) {
        DuplicateSuspect s = open(id);
        Map<Long, String> numbers = suspects.caseNumbers(List.of(s.caseId, s.candidateId));
        String newer = numbers.get(s.caseId);
        String earlier = numbers.get(s.candidateId);
        String keep = confirmation.keep() == null ? earlier : confirmation.keep();
        if (!keep.equals(newer) && !keep.equals(earlier)) {
            throw ApiProblem.invalid(Violation.body("keep", "must be " + earlier + " or " + newer));
        }
        String nullified = keep.equals(earlier) ? newer : earlier;
        cases.nullify(nullified, new NullificationRequest(NullificationReason.DUPLICATE,
                confirmation.comment() == null ? "duplicate suspect " + id + " confirmed" : confirmation.comment(), keep),
                null);
        decide(s, DuplicateStatus.CONFIRMED, confirmation.comment());
        s.nullifiedCase = nullified;
        return views(List.of(s)).get(0);
    }

    @Transactional
    DuplicateViews.Suspect dismiss(long id, DuplicateViews.Dismissal dismissal) {
        DuplicateSuspect s = open(id);
        decide(s, DuplicateStatus.DISMISSED, dismissal == null ? null : dismissal.comment());
        return views(List.of(s)).get(0);
    }

    private DuplicateSuspect open(long id) {
        DuplicateSuspect s = find(id, true);
        if (s.status != DuplicateStatus.OPEN) {
            throw new ApiProblem(ProblemType.CONFLICT, "duplicate suspect " + id + " was already " + s.status);
        }
        return s;
    }

    private DuplicateSuspect find(long id, boolean lock) {
        DuplicateSuspect s = lock ? suspects.findById(id, LockModeType.PESSIMISTIC_WRITE) : suspects.findById(id);
        if (s == null) {
            throw ApiProblem.notFound("no duplicate suspect has the id " + id);
        }
        return s;
    }

    private void decide(DuplicateSuspect s, DuplicateStatus status, String comment) {
        s.status = status;
        s.decidedBy = caller.subject();
        s.decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        s.decisionComment = comment;
    }

    private List<DuplicateViews.Suspect> views(List<DuplicateSuspect> found) {
        List<Long> ids = new ArrayList<>();
        found.forEach(s -> {
            ids.add(s.caseId);
            ids.add(s.candidateId);
        });
        Map<Long, String> numbers = suspects.caseNumbers(ids);
        return found.stream().map(s -> new DuplicateViews.Suspect(s.id, numbers.get(s.caseId), numbers.get(s.candidateId),
                s.score.stripTrailingZeros().scale() < 0 ? s.score.setScale(0) : s.score.stripTrailingZeros(), s.status,
                read(s.fieldWeights), s.foundAt, s.decidedBy, s.decidedAt, s.decisionComment, s.nullifiedCase,
                s.rescoredAt)).toList();
    }

    private String write(List<LinkageScore.FieldWeight> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write field weights", e);
        }
    }

    private List<LinkageScore.FieldWeight> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<LinkageScore.FieldWeight>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored field weights are not readable", e);
        }
    }
}
