package org.kaers.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The one place that decides what a resource's answer leaves in the audit log: every write (any method but GET and
 * HEAD) under /api/, every read of a full case or version, every read of the audit log, whatever the answer, and
 * every refusal (4xx) on any path. Refusals made before a resource (common.FrontDoor, RateLimit) are recorded
 * through common.Refusals. The path is the canonical one: no other form gets this far.
 */
public class AuditFilter {

    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Pattern AUDITED_READ =
            Pattern.compile("/api/v1/reports/[^/]+(/versions/[^/]+)?|/api/v1/audit");

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog log;

    @Inject
    io.vertx.core.Vertx vertx;

    @Inject
    AuditedRequest audited;

    @ServerResponseFilter
    public void audit(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        int answer = response.getStatus();
        boolean refusal = answer >= 400 && answer < 500;
        if (!refusal
                && (!path.startsWith("/api/")
                        || (read && !AUDITED_READ.matcher(path).matches()))) {
            return;
        }
        if (audited.recordedWith(answer)) {
            return; // written with the request's own transaction (the batched intake)
        }
        String actor = null;
        String roles = null;
        try {
            if (!identity.isAnonymous()) {
                actor = identity.getPrincipal().getName();
                roles = String.join(",", new TreeSet<>(identity.getRoles()));
            }
        } catch (RuntimeException e) {
            // an invalid token: recorded without an actor
        }
        String client =
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String who = actor;
        String as = roles;
        int status = response.getStatus();
        Runnable write = () -> {
            try {
                log.record(who, as, method, path, status, client);
            } catch (RuntimeException e) {
                LOG.errorf(
                        "audit event not recorded for %s %s: %s",
                        method, path, org.kaers.common.FailureLog.describe(e));
            }
        };
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            // Refused before reaching a worker thread (401, 403): written off the event loop.
            vertx.executeBlocking(
                    () -> {
                        write.run();
                        return null;
                    },
                    false);
        } else {
            write.run();
        }
    }
}
