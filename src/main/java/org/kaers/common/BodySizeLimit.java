package org.kaers.common;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a request whose declared Content-Length exceeds its limit with 413 problem+json before any of
 * the body is read: {@code kaers.http.max-body-size} (1 MiB) for the API, {@code quarkus.http.limits.max-body-size}
 * (16 GiB) for {@code /api/v1/imports}, whose bodies are streamed to disk. A chunked body without Content-Length is cut off by Vert.x with a
 * bare 413 past the Quarkus limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final String IMPORTS = "/api/v1/imports";

    private final long maxBytes;
    private final long maxImportBytes;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = "kaers.http.max-body-size", defaultValue = "1M") MemorySize max,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxImport, ObjectMapper json) {
        this.maxBytes = max.asLongValue();
        this.maxImportBytes = maxImport.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 100).handler(ctx -> {
            String uri = ctx.request().uri();
            if (uri != null && (uri.contains("%00") || uri.indexOf('\u0000') >= 0)) {
                // PostgreSQL text cannot hold NUL: refused here, for every path and query parameter at once.
                ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(Problem.render(json, ProblemType.VALIDATION, "the request URI contains a NUL character",
                                List.of(new Violation("uri", "path", "must not contain NUL (%00)"))));
                return;
            }
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            String path = ctx.request().path();
            long limit = path != null && path.startsWith(IMPORTS) ? maxImportBytes : maxBytes;
            if (declared != null && tooLarge(declared, limit)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem(limit));
                return;
            }
            ctx.next();
        });
    }

    private String problem(long limit) {
        return Problem.render(json, ProblemType.PAYLOAD_TOO_LARGE, "the request body may be at most " + limit + " bytes",
                List.of());
    }

    private static boolean tooLarge(String declared, long limit) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
