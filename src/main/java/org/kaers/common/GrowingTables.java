package org.kaers.common;

import jakarta.persistence.EntityManager;

/**
 * Statements on tables that grow while they run: an import adds tens of thousands of cases, products and aliases in
 * a minute. PostgreSQL caches a generic plan of a prepared statement after its fifth run and keeps it until the
 * table's statistics change (autovacuum analyzes a database at most once a minute), so a plan made when the table
 * held a few rows stays: on FDA's shape the lookup of a batch's report numbers scanned every stored CAERS case (its
 * index condition was the source alone) and the product candidates every alias key, so each batch cost more than the
 * one before (found with auto_explain, README Benchmarks, issue 12). Planned for each run, a statement sees the
 * table's current size (the planner scales its statistics by the table's current number of pages).
 */
public final class GrowingTables {

    private GrowingTables() {}

    /** Every statement of the current transaction planned for the values and table sizes of its own run. */
    public static void planEachStatement(EntityManager em) {
        em.createNativeQuery("select set_config('plan_cache_mode', 'force_custom_plan', true)")
                .getSingleResult();
    }
}
