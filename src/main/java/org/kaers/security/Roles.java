package org.kaers.security;

/**
 * The roles, carried in the token's {@code groups} claim. The table of who may call what is the
 * {@code @RolesAllowed} of each resource method (README, "Access control", lists it).
 */
public final class Roles {

    /** Submits cases; reads, lists and follows up only the cases they submitted. */
    public static final String REPORTER = "REPORTER";
    /** Reads and lists every case, follows up and nullifies, codes verbatims, curates products. */
    public static final String REVIEWER = "REVIEWER";
    /** Statistics and signals: aggregates only. */
    public static final String RESEARCHER = "RESEARCHER";
    /** Everything, including imports and the upkeep of aggregates and priors. */
    public static final String ADMIN = "ADMIN";

    private Roles() {}
}
