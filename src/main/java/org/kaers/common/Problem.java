package org.kaers.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(
        name = "Problem",
        description =
                "RFC 9457 problem details. Every error response has this body, with content type application/problem+json.")
public record Problem(
        @Schema(description = "Stable identifier of the problem type.", examples = "urn:kaers:problem:validation")
        String type,

        @Schema(description = "Short summary of the problem type.", examples = "Invalid request")
        String title,

        @Schema(description = "HTTP status code.", examples = "400")
        int status,

        @Schema(description = "What went wrong with this request.", examples = "1 field is invalid")
        String detail,

        @Schema(
                description = "Identifier of this occurrence; quote it when reporting a problem.",
                examples = "urn:uuid:4f0e2d7c-8a43-4b52-9f0c-0d5e3b9f0a11")
        String instance,

        @Schema(description = "Fields at fault, for validation problems.")
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The JSON of a new problem, for the few answers given before JAX-RS runs (Vert.x route handlers). */
    public static String render(
            com.fasterxml.jackson.databind.ObjectMapper json,
            ProblemType type,
            String detail,
            List<Violation> violations) {
        try {
            return json.writeValueAsString(new Problem(
                    type.uri(),
                    type.title(),
                    type.status(),
                    detail,
                    "urn:uuid:" + java.util.UUID.randomUUID(),
                    violations));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
