package org.kaers.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.RequestScoped;
import java.util.TreeSet;

/**
 * The audit row of the current request when it is written by the request's own work instead of {@link AuditFilter}:
 * the batched intake (report.IntakeBatcher) writes the row of each stored submission in the batch's transaction, so
 * the row commits with the case, and the filter then leaves out that answer. The row says what the filter would
 * have written: the caller, their roles, the method, the canonical path, the status and the client address.
 */
@RequestScoped
public class AuditedRequest {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest current;
    private int recordedStatus = -1;

    AuditedRequest(SecurityIdentity identity, CurrentVertxRequest current) {
        this.identity = identity;
        this.current = current;
    }

    /** The row this request's answer {@code status} would get from the filter. */
    public AuditLog.Entry entry(String method, String path, int status) {
        String actor = null;
        String roles = null;
        if (!identity.isAnonymous()) {
            actor = identity.getPrincipal().getName();
            roles = String.join(",", new TreeSet<>(identity.getRoles()));
        }
        String client = null;
        if (current.getCurrent() != null && current.getCurrent().request().remoteAddress() != null) {
            client = current.getCurrent().request().remoteAddress().hostAddress();
        }
        return new AuditLog.Entry(actor, roles, method, path, status, client);
    }

    /** The request's row with {@code status} is committed: the filter leaves out an answer with that status. */
    public void recorded(int status) {
        recordedStatus = status;
    }

    boolean recordedWith(int status) {
        return recordedStatus == status;
    }
}
