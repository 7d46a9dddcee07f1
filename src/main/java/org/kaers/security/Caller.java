package org.kaers.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The token's subject (upn, preferred_username or sub, as SmallRye JWT resolves the principal name). */
    public String subject() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    /** Whether the caller may see every case, not only the ones they submitted. */
    public boolean seesAllCases() {
        return identity.hasRole(Roles.REVIEWER) || identity.hasRole(Roles.ADMIN);
    }

    /** Whether a case submitted by {@code submittedBy} is visible to the caller. */
    public boolean maySee(String submittedBy) {
        return seesAllCases() || (submittedBy != null && submittedBy.equals(subject()));
    }
}
