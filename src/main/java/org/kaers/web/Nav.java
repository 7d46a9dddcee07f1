package org.kaers.web;

import org.kaers.security.Roles;

/** What the header of every page shows: who is signed in, the links their roles open, the form token. */
@io.quarkus.qute.TemplateData
record Nav(String user, boolean reporter, boolean reviewer, boolean researcher, String csrf) {

    static Nav of(Api api) {
        boolean admin = api.hasRole(Roles.ADMIN);
        return new Nav(
                api.user(),
                admin || api.hasRole(Roles.REPORTER),
                admin || api.hasRole(Roles.REVIEWER),
                admin || api.hasRole(Roles.RESEARCHER) || api.hasRole(Roles.REVIEWER),
                api.csrf());
    }

    public boolean signedIn() {
        return user != null;
    }

    /** Reporters list their own cases, reviewers every case; researchers read aggregates only. */
    public boolean cases() {
        return reporter || reviewer;
    }
}
