package org.kaers.vocabulary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the symptom term search, bound as a {@link BeanParam}; texts are stripped before they are checked. */
public record TermSearch(
        @Parameter(
                description = "Text to look for.",
                example = "fits",
                schema = @Schema(type = SchemaType.STRING, maxLength = 200))
        @QueryParam("q")
        @Pattern(regexp = ProductSearch.NOT_BLANK, message = "must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        String q,

        @Parameter(example = "NERVOUS_SYSTEM", schema = @Schema(type = SchemaType.STRING))
        @QueryParam("organClass")
        @Pattern(regexp = ProductSearch.NOT_BLANK, message = "must not be blank")
        @Size(max = 40, message = "must be at most 40 characters")
        String organClass) {}
