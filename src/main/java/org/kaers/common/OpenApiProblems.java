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
 * Documents, in one place, the problem responses every API operation can give: 406 and 500 everywhere,
 * 400, 413 and 415 wherever a request body is read, 503 with Retry-After everywhere (database unavailable; and
 * the query timeout on statistics). Operation-specific errors are on the resources.
 */
public class OpenApiProblems implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Operation operation = entry.getValue();
                APIResponses responses = operation.getResponses();
                boolean hasBody = operation.getRequestBody() != null;
                if (hasBody) {
                    add(responses, "400", "The request is invalid; nothing was changed.");
                    add(responses, "413", "The request body is larger than the limit.");
                    add(responses, "415", "The request body is not application/json.");
                }
                add(responses, "406", "The client does not accept application/json.");
                add(responses, "401", "No bearer token, or one that is expired, badly signed or from another issuer "
                        + "(header WWW-Authenticate: Bearer).");
                add(responses, "403", "The token's roles do not allow this operation (README, \"Access control\").");
                add(responses, "429", "Too many requests from this client or address; see Retry-After.");
                boolean statistics = path.getKey().startsWith("/api/v1/stats")
                        || path.getKey().startsWith("/api/v1/signals");
                add(responses, "503", "The database is unavailable (restarting, failing over or out of connections)"
                        + (statistics ? ", or the query ran longer than kaers.stats.query-timeout and was cancelled"
                                : "; a write may not have been stored, so retry with the same Idempotency-Key")
                        + ". Header Retry-After gives the seconds to wait.");
                add(responses, "500", "Unexpected failure; the body's instance identifies it in the server log.");
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(
                                OASFactory.createSchema().ref("#/components/schemas/Problem"))));
        responses.addAPIResponse(status, response);
    }

}
