package org.kaers.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.List;
import java.util.Map;

/**
 * The one way a Vert.x route handler refuses a request: a problem+json answer, and a {@link RequestRefused}
 * event so that the refusal is audited like one made by a resource.
 */
@ApplicationScoped
public class Refusals {

    /** Routing-context key of the verified principal, set once the token has been verified at the door. */
    public static final String PRINCIPAL = "kaers.principal";
    /** Routing-context key of the verified principal's roles (comma-separated, sorted). */
    public static final String ROLES = "kaers.roles";

    private final ObjectMapper json;
    private final Event<RequestRefused> refused;

    Refusals(ObjectMapper json, Event<RequestRefused> refused) {
        this.json = json;
        this.refused = refused;
    }

    public void refuse(RoutingContext ctx, ProblemType type, String detail, List<Violation> violations) {
        refuse(ctx, type, detail, violations, Map.of());
    }

    public void refuse(
            RoutingContext ctx,
            ProblemType type,
            String detail,
            List<Violation> violations,
            Map<String, String> headers) {
        var response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (!response.headWritten()) {
            response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            headers.forEach(response::putHeader);
            response.end(Problem.render(json, type, detail, violations));
        }
        audited(ctx, type.status());
    }

    /**
     * Answers with a problem and no audit event: for a refusal that must not cost a database connection (the
     * admission limit, {@link Admission}).
     */
    public void answer(RoutingContext ctx, ProblemType type, String detail, Map<String, String> headers) {
        var response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(Problem.render(json, type, detail, List.of()));
    }

    /** Records a refusal that someone else answered (the body handler's 413, for one). */
    public void audited(RoutingContext ctx, int status) {
        var request = ctx.request();
        String client =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String path = request.path() == null ? "" : request.path();
        refused.fire(
                new RequestRefused(request.method().name(), path, status, client, ctx.get(PRINCIPAL), ctx.get(ROLES)));
    }
}
