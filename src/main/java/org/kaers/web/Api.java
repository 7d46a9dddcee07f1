package org.kaers.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.RequestScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kaers.security.PageCalls;

/**
 * The service's own API, called over the loopback connection the page request came in on, with the signed-in
 * user's token: pages get exactly the API's answers (validation, idempotency, If-Match, roles, disclosure
 * control, audit) and never a rule of their own.
 */
@RequestScoped
class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** An API answer: status, headers, and the JSON body as maps and lists (empty map when none or not JSON). */
    record Answer(int status, Map<String, List<String>> headers, Map<String, Object> body, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst();
        }

        /** The violations of a problem+json answer by field, in order. */
        @SuppressWarnings("unchecked")
        Map<String, String> violations() {
            Map<String, String> out = new LinkedHashMap<>();
            Object list = body.get("violations");
            if (list instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> v) {
                        Map<String, Object> violation = (Map<String, Object>) v;
                        String field = String.valueOf(violation.getOrDefault("field", ""));
                        out.merge(field, String.valueOf(violation.get("message")), (a, b) -> a + "; " + b);
                    }
                }
            }
            return out;
        }

        String detail() {
            Object detail = body.get("detail");
            return detail == null ? "the service refused the request (" + status + ")" : detail.toString();
        }
    }

    private final CurrentVertxRequest request;
    private final SecurityIdentity identity;
    private final ObjectMapper json;
    private final PageCalls pageCalls;

    Api(CurrentVertxRequest request, SecurityIdentity identity, ObjectMapper json, PageCalls pageCalls) {
        this.request = request;
        this.identity = identity;
        this.json = json;
        this.pageCalls = pageCalls;
    }

    /** The signed-in user's name, or null. */
    String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    boolean hasRole(String role) {
        return !identity.isAnonymous() && identity.hasRole(role);
    }

    /** The request's credential (the session cookie as a bearer token), or null. */
    String authorization() {
        return request.getCurrent().request().getHeader(HttpHeaders.AUTHORIZATION);
    }

    /** The form token of this session. */
    String csrf() {
        return Session.csrfToken(authorization());
    }

    Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    Answer post(String path, Map<String, String> headers, Object body) {
        return send("POST", path, headers, body);
    }

    Answer put(String path, Map<String, String> headers, Object body) {
        return send("PUT", path, headers, body);
    }

    static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                out.append(out.isEmpty() ? '?' : '&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        });
        return out.toString();
    }

    private Answer send(String method, String path, Map<String, String> headers, Object body) {
        SocketAddress local = request.getCurrent().request().localAddress();
        String host = local.hostAddress() == null ? "127.0.0.1" : local.hostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + host + ":" + local.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        String authorization = authorization();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        // the rate limits count this call for the browser and its user, not for this loopback connection
        SocketAddress browser = request.getCurrent().request().remoteAddress();
        pageCalls.headers(browser == null ? null : browser.hostAddress()).forEach(builder::setHeader);
        headers.forEach(builder::setHeader);
        try {
            if (body != null) {
                builder.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            Map<String, Object> parsed = type.contains("json")
                            && !response.body().isBlank()
                            && response.body().strip().startsWith("{")
                    ? json.readValue(response.body(), MAP)
                    : Map.of();
            return new Answer(response.statusCode(), response.headers().map(), parsed, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the service's API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
