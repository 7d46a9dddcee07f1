package org.kaers.report.model;

/**
 * Fired when a new case is stored through the API (not by a bulk import), so that other features (duplicate
 * screening) can act on it after the commit without the report package knowing them.
 */
public record CaseReceived(long caseId, String caseNumber) {}
