package org.kaers.openfda;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An answer in openFDA's error shape ({@code {"error": {"code", "message"}}}, as FDA/openfda's api.js writes it),
 * which openFDA clients parse: BAD_REQUEST 400, NOT_FOUND 404, FORBIDDEN 403 (ours: records for researchers).
 */
final class OpenFdaError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String NO_MATCHES = "No matches found!";
    static final String NOTHING_TO_COUNT = "Nothing to count";

    final int status;
    final String code;

    private OpenFdaError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static OpenFdaError badRequest(String message) {
        return new OpenFdaError(400, "BAD_REQUEST", message);
    }

    static OpenFdaError notFound(String message) {
        return new OpenFdaError(404, "NOT_FOUND", message);
    }

    static OpenFdaError forbidden(String message) {
        return new OpenFdaError(403, "FORBIDDEN", message);
    }

    @Schema(name = "OpenFdaError", description = "openFDA's error body.")
    record Body(Detail error) {}

    @Schema(name = "OpenFdaErrorDetail")
    record Detail(
            @Schema(
                    examples = "NOT_FOUND",
                    enumeration = {"BAD_REQUEST", "NOT_FOUND", "FORBIDDEN"})
            String code,

            @Schema(examples = NO_MATCHES) String message) {}

    @Provider
    static class Mapper implements ExceptionMapper<OpenFdaError> {
        @Override
        public Response toResponse(OpenFdaError e) {
            return Response.status(e.status)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new Body(new Detail(e.code, e.getMessage())))
                    .build();
        }
    }
}
