package org.kaers.openfda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kaers.security.Caller;
import org.kaers.statistics.disclosure.Disclosure;

/**
 * Answers openFDA food/event requests over the counted cases (latest versions, never nullified ones).
 *
 * <p>Access and disclosure (README, "openFDA-compatible API"): records (a search with {@code limit} above 0) are
 * case-level data and go to reviewers and administrators only; researchers get a 403 that points them to
 * {@code count=} and {@code limit=0}. A researcher's numbers are released by statistics.disclosure
 * ({@link Disclosure#release}: the cell key method over the cases' keys), exactly as the native statistics: the
 * total of a search is a cell of its own; each count bucket is a cell (its noise from the key sum of its cases);
 * buckets released as 0 are not listed, the rest ordered by released value; values that are a reporter's text
 * (report numbers, product names, reactions, industry names) are listed only when they occur in at least
 * {@link Disclosure#freeTextMinimumCases()} cases. A search whose released total is 0 is 404, as openFDA's no
 * match.
 */
@ApplicationScoped
class FoodEventService {

    /** Fields whose values are a reporter's text (shown to researchers by frequency only). */
    static final java.util.Set<FoodEventField> REPORTERS_TEXT = java.util.EnumSet.of(
            FoodEventField.REPORT_NUMBER,
            FoodEventField.REACTIONS,
            FoodEventField.PRODUCTS_NAME_BRAND,
            FoodEventField.PRODUCTS_INDUSTRY_CODE,
            FoodEventField.PRODUCTS_INDUSTRY_NAME);

    private final FoodEventStore store;
    private final Disclosure disclosure;
    private final Caller caller;

    FoodEventService(FoodEventStore store, Disclosure disclosure, Caller caller) {
        this.store = store;
        this.disclosure = disclosure;
        this.caller = caller;
    }

    /** An answer: the body and the URL of the next page (null when there is none). */
    record Answer(Object body, String next) {}

    /**
     * @param nextPage makes the next page's absolute URL from the request's parameters with the given changes
     */
    @Transactional
    Answer answer(FoodEventRequest request, Function<Map<String, String>, String> nextPage) {
        Search search = SearchParser.parse(request.search());
        if (!request.counting() && request.limit() > 0 && !caller.seesAllCases()) {
            throw OpenFdaError.forbidden("Records (limit above 0) are served to reviewers and administrators only: "
                    + "researchers may count (count=<field>) and total (limit=0) matching cases, protected by the "
                    + "published cell key method (see /api/v1/stats/protection).");
        }
        SearchSql sql = new SearchSql();
        String where = sql.where(search);
        FoodEventStore.Cell matched = store.total(where, sql.params());
        long total = disclosure.release(matched.n(), matched.keySum());
        FoodEventResponses.Meta meta = meta(
                request.counting() ? null : new FoodEventResponses.Results(request.skip(), request.limit(), total));
        if (total == 0) {
            throw OpenFdaError.notFound(OpenFdaError.NO_MATCHES);
        }
        if (request.counting()) {
            return new Answer(new FoodEventResponses.CountResponse(meta, count(request, where, sql.params())), null);
        }
        List<FoodEventStore.Row> rows = request.limit() == 0
                ? List.of()
                : store.page(where, sql, request.sort(), request.searchAfter(), request.skip(), request.limit());
        if (rows.isEmpty() && request.limit() > 0) {
            throw OpenFdaError.notFound(OpenFdaError.NO_MATCHES);
        }
        return new Answer(
                new FoodEventResponses.SearchResponse(
                        meta, rows.stream().map(FoodEventStore.Row::event).toList()),
                next(request, rows, total, nextPage));
    }

    /** openFDA's rel="next" (FDA/openfda api/faers/traversal.js): by skip when skipping, else by search_after. */
    private static String next(
            FoodEventRequest request,
            List<FoodEventStore.Row> rows,
            long total,
            Function<Map<String, String>, String> nextPage) {
        if (request.skip() > 0) {
            long nextSkip = (long) request.skip() + request.limit();
            return total > nextSkip ? nextPage.apply(Map.of("skip", String.valueOf(nextSkip))) : null;
        }
        if (!rows.isEmpty() && rows.size() >= request.limit() && total != rows.size()) {
            String token =
                    FoodEventRequest.searchAfterToken(rows.get(rows.size() - 1).sortValues());
            return nextPage.apply(Map.of("search_after", token));
        }
        return null;
    }

    private List<Object> count(FoodEventRequest request, String where, Map<String, Object> params) {
        FoodEventField.Ref field = request.count();
        boolean exact = disclosure.exact();
        boolean freeText = REPORTERS_TEXT.contains(field.field());
        List<FoodEventResponses.TermCount> released = new ArrayList<>();
        for (FoodEventStore.Bucket b : store.count(where, params, field)) {
            if (!exact && freeText && b.cell().n() < disclosure.freeTextMinimumCases()) {
                continue;
            }
            long value = disclosure.release(b.cell().n(), b.cell().keySum());
            if (value > 0) {
                released.add(new FoodEventResponses.TermCount(b.term(), value));
            }
        }
        if (released.isEmpty()) {
            throw OpenFdaError.notFound(OpenFdaError.NOTHING_TO_COUNT);
        }
        if (field.field().kind() == FoodEventField.Kind.DATE) {
            // A daily series, oldest first, days without cases absent (openFDA's date histogram).
            return released.stream()
                    .sorted(Comparator.comparing(FoodEventResponses.TermCount::term))
                    .map(t -> (Object) new FoodEventResponses.TimeCount(t.term(), t.count()))
                    .toList();
        }
        return released.stream()
                .sorted(Comparator.comparingLong(FoodEventResponses.TermCount::count)
                        .reversed()
                        .thenComparing(FoodEventResponses.TermCount::term))
                .limit(request.limit())
                .map(t -> (Object) t)
                .toList();
    }

    private FoodEventResponses.Meta meta(FoodEventResponses.Results results) {
        return new FoodEventResponses.Meta(
                FoodEventResponses.DISCLAIMER,
                FoodEventResponses.TERMS,
                FoodEventResponses.LICENSE,
                store.lastUpdated(),
                results,
                disclosure.protection());
    }
}
