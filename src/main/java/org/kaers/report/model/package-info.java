/**
 * What report publishes to the other features: the types they may use of report (ArchitectureTest,
 * {@code featuresUseOnlyPublishedTypes}); the rest of report is its own.
 */
package org.kaers.report.model;
