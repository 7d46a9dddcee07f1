/**
 * The write side of statistics: the queue of changed cases, the worker that folds them into the aggregate cells
 * ({@code stats_fact}, {@code stats_cell}) and the store that does it. The read side (statistics) reads the cells
 * and calls only {@link org.kaers.statistics.aggregates.AggregateStore} (status, catch-up, rebuild, the cell keys);
 * this package uses of statistics only the definitions of what is counted (ArchitectureTest).
 */
package org.kaers.statistics.aggregates;
