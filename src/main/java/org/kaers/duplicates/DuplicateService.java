package org.kaers.duplicates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kaers.common.ApiProblem;
import org.kaers.common.PageReads;
import org.kaers.common.PageRequest;
import org.kaers.common.PageResponse;
import org.kaers.common.ProblemType;
import org.kaers.common.Violation;
import org.kaers.report.CaseNullification;
import org.kaers.report.model.NullificationReason;
import org.kaers.report.model.NullificationRequest;
import org.kaers.security.Caller;

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
    private final PageReads pages;
    private final LinkageIndex index;
    private final ScreeningQueue queue;
    private final DuplicateRepository suspects;
    private final CaseNullification cases;
    private final ObjectMapper json;
    private final Caller caller;

    DuplicateService(
            FeatureStore store,
            LinkageIndex index,
            ScreeningQueue queue,
            DuplicateRepository suspects,
            CaseNullification cases,
            ObjectMapper json,
            Caller caller,
            PageReads pages) {
        this.pages = pages;
        this.store = store;
        this.index = index;
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
        if (!queue.take(caseId)) {
            return 0;
        }
        return screen(List.of(caseId));
    }

    /** A batch screened from the queue: how many cases and how many new suspects. */
    record Screened(int cases, int suspects) {}

    /** A batch whose screening failed: its transaction rolled back, its entries stay queued. */
    static final class ScreeningFailed extends RuntimeException {
        final List<Long> caseIds;

        ScreeningFailed(List<Long> caseIds, RuntimeException cause) {
            super(cause);
            this.caseIds = caseIds;
        }
    }

    /**
     * Screens the oldest queued cases, at most {@code max}, in one transaction (their entries are deleted in it,
     * unless a new version queued one again meanwhile); empty when nothing is queued. {@code wait}: wait for cases
     * another transaction holds rather than skip them.
     * When the batch fails, it is rolled back and {@link ScreeningWorker} screens the next cases one by one, so that
     * only a failing case is charged with the failure.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Screened> screenNext(boolean wait, int max) {
        List<ScreeningQueue.Entry> claimed = queue.claimOldest(wait, max);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        List<Long> batch = claimed.stream().map(ScreeningQueue.Entry::caseId).toList();
        try {
            int found = screen(batch);
            queue.remove(claimed);
            suspects.flush(); // a constraint broken here is this batch's failure, not the round's
            return Optional.of(new Screened(batch.size(), found));
        } catch (RuntimeException e) {
            throw new ScreeningFailed(batch, e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void screeningFailed(long caseId) {
        queue.failed(caseId);
    }

    @Transactional
    org.kaers.common.GrowingBacklog screeningBacklog() {
        return queue.backlog();
    }

    @Transactional
    DuplicateViews.Screening screeningState() {
        return queue.state();
    }

    /**
     * Screens a batch of cases (their latest versions), set-based: their keys replace the old ones in the linkage
     * index (a nullified case leaves it), then one query finds every case's candidates by the blocking keys, one
     * reads the shares of their values, one the pairs already known, and the candidates' features come from
     * {@link FeatureStore#candidates} (their versions cached, their coding read for the batch); the scoring is a
     * loop in Java, which weighs each candidate by its total alone and makes the parts only of a pair it keeps. A new pair at or above the threshold is queued; a pair already OPEN is re-weighed (a
     * follow-up changed a case) and stays open whatever its new weight, for the reviewer to decide; a decided pair
     * is never touched. The pair's {@code caseId} is the case that came later (the higher id), so confirming keeps
     * the earlier one by default whichever was screened. Two cases of the batch are scored once. Returns how many
     * new suspects were queued.
     */
    private int screen(List<Long> caseIds) {
        List<CaseFeatures> screened = store.features(caseIds);
        Map<LinkageKeys.Key, Integer> moved = index.replace(caseIds, screened);
        if (screened.isEmpty()) {
            index.move(moved);
            return 0; // nullified: nothing to screen
        }
        LinkageIndex.Counts counts = index.counts(screened, moved);
        Map<Long, Set<LinkageKeys.Key>> probes = new LinkedHashMap<>();
        screened.forEach(c -> probes.put(c.id(), LinkageKeys.probes(c, counts::of)));
        LinkageIndex.Candidates found = index.candidates(probes, MAX_CANDIDATES);
        Map<Long, List<Long>> candidates = found.byCase();
        Map<Long, CaseFeatures> features = new HashMap<>();
        screened.forEach(c -> features.put(c.id(), c));
        Set<Long> batch = Set.copyOf(features.keySet());
        Map<Long, Integer> others = new HashMap<>(found.versions());
        others.keySet().removeAll(batch);
        store.candidates(others).forEach(c -> features.put(c.id(), c));
        Map<Pair, DuplicateSuspect> known = new HashMap<>();
        suspects.involving(caseIds).forEach(s -> known.put(Pair.of(s.caseId, s.candidateId), s));
        Frequencies frequencies = counts.frequencies();
        Set<Pair> scored = new HashSet<>(); // pairs of two screened cases, which each side may find
        int queued = 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (CaseFeatures c : screened) {
            for (long candidateId : candidates.getOrDefault(c.id(), List.of())) {
                CaseFeatures candidate = features.get(candidateId);
                if (candidate == null) {
                    continue; // nullified meanwhile
                }
                Pair pair = Pair.of(c.id(), candidateId);
                if (batch.contains(candidateId) && !scored.add(pair)) {
                    continue; // scored from the other side
                }
                DuplicateSuspect s = known.get(pair);
                if (s == null && LinkageScorer.total(c, candidate, frequencies) < THRESHOLD) {
                    continue; // most candidates: their weight alone, without its parts
                }
                LinkageScore score = LinkageScorer.score(c, candidate, frequencies);
                if (s != null) {
                    BigDecimal weight = weight(score);
                    String fields = write(score.fields());
                    if (s.status == DuplicateStatus.OPEN
                            && (s.score.compareTo(weight) != 0 || !s.fieldWeights.equals(fields))) {
                        s.score = weight;
                        s.fieldWeights = fields;
                        s.rescoredAt = now;
                    }
                    continue;
                }
                s = new DuplicateSuspect();
                s.caseId = Math.max(c.id(), candidateId);
                s.candidateId = Math.min(c.id(), candidateId);
                s.score = weight(score);
                s.fieldWeights = write(score.fields());
                s.status = DuplicateStatus.OPEN;
                s.foundAt = now;
                suspects.persist(s);
                known.put(pair, s);
                queued++;
            }
        }
        index.move(moved); // last: the shared count rows stay locked only until the commit
        return queued;
    }

    /**
     * An unordered pair of case ids, hashed by mixing both ids: a record's own hash (31 low + high) gives the pairs
     * of a batch's consecutive ids with their candidates the same few hashes, and the maps degrade into tree bins
     * (issue 16's profile).
     */
    private record Pair(long low, long high) {
        static Pair of(long a, long b) {
            return new Pair(Math.min(a, b), Math.max(a, b));
        }

        @Override
        public int hashCode() {
            long h = (low * 0x9E3779B97F4A7C15L) ^ high;
            h *= 0xC2B2AE3D27D4EB4FL;
            return (int) (h ^ (h >>> 32));
        }
    }

    private static BigDecimal weight(LinkageScore score) {
        return BigDecimal.valueOf(score.total()).setScale(2, RoundingMode.HALF_UP);
    }

    PageResponse<DuplicateViews.Suspect> list(DuplicateStatus status, String caseNumber, PageRequest page) {
        return pages.read(
                page,
                () -> suspects.countWith(status, caseId(caseNumber)),
                () -> views(suspects.page(status, caseId(caseNumber), page.page(), page.size())));
    }

    /** The id of the case a list is filtered by: null for none, -1 for an unknown case (which has no suspects). */
    private Long caseId(String caseNumber) {
        return caseNumber == null ? null : suspects.caseId(caseNumber).orElse(-1L);
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
        cases.nullify(
                nullified,
                new NullificationRequest(
                        NullificationReason.DUPLICATE,
                        confirmation.comment() == null
                                ? "duplicate suspect " + id + " confirmed"
                                : confirmation.comment(),
                        keep),
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
        return found.stream()
                .map(s -> new DuplicateViews.Suspect(
                        s.id,
                        numbers.get(s.caseId),
                        numbers.get(s.candidateId),
                        s.score.stripTrailingZeros().scale() < 0 ? s.score.setScale(0) : s.score.stripTrailingZeros(),
                        s.status,
                        read(s.fieldWeights),
                        s.foundAt,
                        s.decidedBy,
                        s.decidedAt,
                        s.decisionComment,
                        s.nullifiedCase,
                        s.rescoredAt))
                .toList();
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
            return json.readValue(text, new TypeReference<List<LinkageScore.FieldWeight>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored field weights are not readable", e);
        }
    }
}
