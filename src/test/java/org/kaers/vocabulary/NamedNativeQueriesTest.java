package org.kaers.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every native query vocabulary keeps (the {@code ..._SQL} constants: set-based coding, trigram search, counts of
 * cases, race-free inserts) is planned by PostgreSQL with sample parameters, so that a typo in one fails the build
 * rather than the request that first runs it. EXPLAIN parses and resolves every table and column without running it.
 */
@QuarkusTest
class NamedNativeQueriesTest {

    @Inject
    EntityManager em;

    /** Gives the statements their case scope, as at run time (CountedCases.SCOPE_PLACEHOLDER is not SQL). */
    @Inject
    org.kaers.vocabulary.model.CountedCases counted;

    @Test
    @TestTransaction
    void productQueriesArePlanned() {
        Map<String, Object> search = Map.of("like", "%kratom%", "q", "kratom", "substance", "KRATOM", "curated", true);
        String where = ProductService.SEARCH_FROM_SQL
                + ProductService.SEARCH_TEXT_SQL
                + ProductService.SEARCH_SUBSTANCE_SQL
                + ProductService.SEARCH_CURATED_SQL;
        explain(ProductService.SEARCH_COUNT_SQL + where, search);
        explain(
                ProductService.SEARCH_SQL + where + " order by cases desc" + ProductService.SEARCH_PAGE_SQL,
                with(search, Map.of("limit", 20, "offset", 0)));
        explain(ProductService.DETAIL_SQL, 1L);
        explain(ProductService.SUMMARY_SQL, 1L);
        explain(ProductService.FREQUENT_NAMES_SQL, 1L, 3);
        explain(ProductService.ALIAS_INSERT_SQL, "kratom", 1L, "Kratom");
        explain(ProductService.REVIEW_QUEUE_COUNT_SQL);
        explain(ProductService.REVIEW_QUEUE_SQL, 20, 0);
    }

    @Test
    @TestTransaction
    void symptomQueriesArePlanned() {
        Map<String, Object> search = Map.of("q", "jaundice", "prefix", "jaundice%", "like", "%jaundice%");
        for (String ranked : List.of(VocabularyService.SEARCH_SQL, VocabularyService.SEARCH_IN_ORGAN_CLASS_SQL)) {
            Map<String, Object> parameters =
                    ranked.contains(":organClass") ? with(search, Map.of("organClass", "HEPATOBILIARY")) : search;
            explain(VocabularyService.SEARCH_COUNT_SQL.replace("{ranked}", ranked), parameters);
            explain(
                    VocabularyService.SEARCH_PAGE_SQL.replace("{ranked}", ranked),
                    with(parameters, Map.of("limit", 20, "offset", 0)));
        }
        explain(VocabularyService.NEXT_UNCURATED_CODE_SQL);
        explain(VocabularyService.CODE_QUEUED_EXACT_SQL, 1L, Instant.now());
        explain(SymptomCoder.SEARCH_PATH_SQL);
        String rows = "[{\"verbatim\": \"Jaundice\", \"normalized\": \"jaundice\"}]";
        explain(SymptomCoder.SOURCE_CODED_SQL, rows, Instant.now());
        explain(SymptomCoder.MANUAL_OR_EXACT_SQL, "[\"jaundice\"]");
        explain(
                SymptomCoder.CODINGS_INSERT_SQL,
                "[{\"verbatim\": \"Jaundice\", \"normalized\": \"jaundice\", \"term_id\": 1,"
                        + " \"method\": \"EXACT\", \"score\": 1, \"matched\": \"Jaundice\", \"coded_by\": null}]",
                Instant.now());
    }

    @Test
    @TestTransaction
    void codingQueriesArePlanned() {
        explain(VocabularyService.CODING_QUEUE_COUNT_SQL);
        explain(VocabularyService.CODING_QUEUE_SQL, 20, 0);
        explain(VocabularyService.CASES_OF_NORMALIZED_SQL, "jaundice");
        explain(CodingSweep.UNCODED_VERBATIMS_SQL, 500);
        explain(CodingSweep.SOURCE_CODED_VERBATIMS_SQL, List.of("Jaundice"), SymptomCoder.SOURCE_CODED);
        explain(CodingSweep.UNCODED_PRODUCT_NAMES_SQL, 500);
    }

    private static Map<String, Object> with(Map<String, Object> a, Map<String, Object> b) {
        var out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }

    /** Plans a query with positional parameters ?1, ?2, ... */
    private void explain(String sql, Object... parameters) {
        var query = em.createNativeQuery("explain " + counted.live(sql));
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        assertPlanned(query.getResultList(), sql);
    }

    /** Plans a query with named parameters. */
    private void explain(String sql, Map<String, Object> parameters) {
        var query = em.createNativeQuery("explain " + counted.live(sql));
        parameters.forEach(query::setParameter);
        assertPlanned(query.getResultList(), sql);
    }

    private static void assertPlanned(List<?> plan, String sql) {
        assertThat(plan).as(sql).isNotEmpty();
    }
}
