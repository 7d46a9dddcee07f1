package org.kaers.common;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents, in one place, the problem responses every API operation can give: 400 (a non-canonical path),
 * 401, 403, 406, 414, 429, 431 and 500 everywhere, 413 and 415 wherever a request body is read, the security
 * headers of every answer, 503 with Retry-After everywhere (database unavailable; and
 * the query timeout on statistics). Operation-specific errors are on the resources.
 */
public class OpenApiProblems implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        defineSecurityHeaders(openAPI);
        for (Map.Entry<String, PathItem> path :
                openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                APIResponses responses = operation.getResponses();
                boolean hasBody = operation.getRequestBody() != null;
                if (hasBody) {
                    add(responses, "400", "The request is invalid; nothing was changed.");
                    add(
                            responses,
                            "413",
                            "The request body, declared (Content-Length) or chunked, is larger than "
                                    + "the limit of its route (1 MiB; 64 MiB for imports).");
                    add(
                            responses,
                            "415",
                            "The request body has no Content-Type, a wildcard one (*/*), or one this "
                                    + "operation does not read.");
                }
                add(
                        responses,
                        "400",
                        "The request is invalid: a path that is not in its canonical form (a trailing "
                                + "slash, a matrix parameter, an empty, dot or encoded segment), a NUL in the URI, or an "
                                + "invalid parameter.");
                add(responses, "414", "The request URI is longer than 4 KiB.");
                add(responses, "431", "The request headers are larger than 8 KiB together.");
                add(responses, "406", "The client does not accept application/json.");
                add(
                        responses,
                        "401",
                        "No bearer token, or one outside the token policy: expired, badly signed, from "
                                + "another issuer, without the required audience, with a lifetime over the maximum, a blank "
                                + "principal or groups that are not an array of known roles (header WWW-Authenticate: Bearer; "
                                + "README, \"Security\").");
                add(responses, "403", "The token's roles do not allow this operation (README, \"Access control\").");
                add(responses, "429", "Too many requests from this client or address; see Retry-After.");
                boolean statistics = path.getKey().startsWith("/api/v1/stats")
                        || path.getKey().startsWith("/api/v1/signals");
                add(
                        responses,
                        "503",
                        "The database is unavailable (restarting, failing over or out of connections)"
                                + (statistics
                                        ? ", or the query ran longer than kaers.stats.query-timeout and was cancelled"
                                        : "; a write may not have been stored, so retry with the same Idempotency-Key")
                                + "; or the service is at its capacity (kaers.http.max-in-flight requests in progress),"
                                + " answered at once and nothing done. Header Retry-After gives the seconds to wait.");
                add(responses, "500", "Unexpected failure; the body's instance identifies it in the server log.");
                responses.getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("2")) {
                        securityHeaders(response);
                    }
                });
            }
        }
    }

    /** The headers of every answer (common.FrontDoor): defined once, referenced from every success response. */
    private static final java.util.List<String[]> SECURITY_HEADERS = java.util.List.of(
            new String[] {"Cache-Control", "no-store: answers may carry case data and are never cached.", "no-store"},
            new String[] {"X-Content-Type-Options", "Always nosniff.", "nosniff"},
            new String[] {
                "Content-Security-Policy",
                "No content may load and no page may frame the answer.",
                "default-src 'none'; frame-ancestors 'none'"
            },
            new String[] {"X-Frame-Options", "Always DENY.", "DENY"},
            new String[] {"Referrer-Policy", "Always no-referrer.", "no-referrer"});

    private static void defineSecurityHeaders(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        for (String[] header : SECURITY_HEADERS) {
            openAPI.getComponents()
                    .addHeader(
                            header[0],
                            OASFactory.createHeader()
                                    .description(header[1])
                                    .example(header[2])
                                    .schema(OASFactory.createSchema()
                                            .addType(
                                                    org.eclipse.microprofile.openapi.models.media.Schema.SchemaType
                                                            .STRING)));
        }
    }

    private static void securityHeaders(APIResponse response) {
        if (response.getRef() != null) {
            return;
        }
        for (String[] header : SECURITY_HEADERS) {
            String name = header[0];
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                response.addHeader(name, OASFactory.createHeader().ref("#/components/headers/" + name));
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        responses.addAPIResponse(status, response);
    }
}
