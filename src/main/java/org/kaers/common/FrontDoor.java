package org.kaers.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one place that decides what a request is, before routing and before any other filter (README, "Security").
 * In this order, on every path:
 * <ol>
 * <li>the response headers every answer carries (nosniff, frame-ancestors, no-store under /api/... and on pages,
 * a page CSP outside /api/ and /q/);</li>
 * <li>the token and the rate limits ({@code security.RateLimit}, at order {@link #TOKEN_ORDER}): first, so that
 * a flood of refusals is limited like any other traffic;</li>
 * <li>the request line and headers: a NUL anywhere in the URI is 400, a URI over 4 KiB 414, headers over
 * 8 KiB 431 (the HTTP codec's own, bare, limits are far above these);</li>
 * <li>the path: only its canonical form is served. A trailing slash under /api/, a matrix parameter ({@code ;}),
 * an empty segment ({@code //}), a dot segment, a backslash or a percent-encoded character that needs no encoding
 * ({@code %2F}, {@code %2E}, {@code %61}...) is refused with 400, so that routing, audit, rate limits, body limits
 * and role checks all see the one path the resource sees;</li>
 * <li>the body, by the route the canonical path names: a declared Content-Length over the limit is 413 before
 * any of it is read, a chunked body is read under the same limit (413 when it passes it), and a body without a
 * Content-Type, or with a wildcard one, is 415 (it is never guessed to be JSON).</li>
 * </ol>
 * Every refusal is problem+json and audited ({@link Refusals}).
 */
@ApplicationScoped
public class FrontDoor {

    /** Order of the rate limits and token check: after the response headers, before the path and body checks. */
    public static final int TOKEN_ORDER = Integer.MIN_VALUE + 50;

    static final int MAX_URI = 4096;
    static final int MAX_HEADERS = 8192;
    private static final String IMPORTS = "/api/v1/imports/";
    private static final String QUARKUS_MAX_REQUEST_SIZE = "io.quarkus.max-request-size";

    private final long maxBytes;
    private final long maxImportBytes;
    private final Refusals refusals;

    FrontDoor(
            @ConfigProperty(name = "kaers.http.max-body-size", defaultValue = "1M") MemorySize max,
            @ConfigProperty(name = "kaers.http.max-import-body-size", defaultValue = "64M") MemorySize maxImport,
            Refusals refusals) {
        this.maxBytes = max.asLongValue();
        this.maxImportBytes = maxImport.asLongValue();
        this.refusals = refusals;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> {
            String path = ctx.request().path() == null ? "" : ctx.request().path();
            ctx.addHeadersEndHandler(v -> securityHeaders(ctx.response().headers(), path));
            ctx.next();
        });
        router.route().order(TOKEN_ORDER + 10).handler(this::request);
        BodyHandler api = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(Integer.MIN_VALUE + 100).handler(ctx -> body(ctx, api));
        router.route().order(Integer.MIN_VALUE + 100).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                refusals.refuse(ctx, ProblemType.PAYLOAD_TOO_LARGE, tooLarge(maxBytes), List.of());
            } else {
                ctx.next();
            }
        });
    }

    private void request(RoutingContext ctx) {
        String path = ctx.request().path() == null ? "" : ctx.request().path();
        String uri = ctx.request().uri() == null ? "" : ctx.request().uri();
        if (uri.contains("%00") || uri.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: refused here, for every path and query parameter at once.
            refusals.refuse(
                    ctx,
                    ProblemType.VALIDATION,
                    "the request URI contains a NUL character",
                    List.of(new Violation("uri", "path", "must not contain NUL (%00)")));
            return;
        }
        if (uri.length() > MAX_URI) {
            refusals.refuse(
                    ctx,
                    ProblemType.URI_TOO_LONG,
                    "the request URI may be at most " + MAX_URI + " characters",
                    List.of());
            return;
        }
        if (headerBytes(ctx.request().headers()) > MAX_HEADERS) {
            refusals.refuse(
                    ctx,
                    ProblemType.HEADERS_TOO_LARGE,
                    "the request headers may be at most " + MAX_HEADERS + " bytes together",
                    List.of());
            return;
        }
        String problem = CanonicalPath.problem(path);
        if (problem != null) {
            refusals.refuse(
                    ctx,
                    ProblemType.VALIDATION,
                    "the path is not in its canonical form: " + problem,
                    List.of(new Violation("path", "path", problem)));
            return;
        }
        ctx.next();
    }

    private void body(RoutingContext ctx, BodyHandler api) {
        HttpMethod method = ctx.request().method();
        String path = ctx.request().path();
        if (method == HttpMethod.GET
                || method == HttpMethod.HEAD
                || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE
                || path == null
                || path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        boolean imports = path.startsWith(IMPORTS);
        long limit = imports ? maxImportBytes : maxBytes;
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = declared == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        long length = declared == null ? -1 : parseLength(declared);
        if (length > limit) {
            refusals.refuse(
                    ctx,
                    ProblemType.PAYLOAD_TOO_LARGE,
                    tooLarge(limit),
                    List.of(),
                    Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return;
        }
        if ((chunked || length > 0) && !typed(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            refusals.refuse(
                    ctx,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "a request body needs a Content-Type naming its media type (application/json, or text/csv "
                            + "for imports); none or a wildcard was sent",
                    List.of(Violation.header("Content-Type", "must name the body's media type")),
                    Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return;
        }
        ctx.put(QUARKUS_MAX_REQUEST_SIZE, limit);
        if (chunked && !imports) {
            api.handle(ctx); // read whole under the limit (413 past it); imports stream under theirs
        } else {
            ctx.next();
        }
    }

    /** A media type without wildcards. */
    private static boolean typed(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip();
        int slash = type.indexOf('/');
        return slash > 0 && slash < type.length() - 1 && !type.contains("*");
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1; // Vert.x rejects a malformed Content-Length itself
        }
    }

    private static int headerBytes(MultiMap headers) {
        int total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static String tooLarge(long limit) {
        return "the request body may be at most " + limit + " bytes";
    }

    /**
     * The pages (org.kaers.web, issue #19): scripts and styles only from the service itself, no inline script or
     * style, forms only to itself.
     */
    static final String PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** Whether a path is one of the pages or their assets (everything outside /api/ and /q/). */
    static boolean page(String path) {
        return !path.startsWith("/api/") && !path.startsWith("/q/");
    }

    /** OWASP REST Security cheat sheet, "Security headers"; no-store on every API answer and page (they carry case data). */
    static void securityHeaders(MultiMap headers, String path) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        if (path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui")) {
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
        } else if (page(path)) {
            headers.set("Content-Security-Policy", PAGE_CSP);
        } else {
            headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        boolean asset = path.startsWith("/static/") || path.startsWith("/webjars/");
        if ((path.startsWith("/api/") || (page(path) && !asset)) && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        headers.remove(HttpHeaders.SERVER);
        headers.remove("X-Powered-By");
    }
}
