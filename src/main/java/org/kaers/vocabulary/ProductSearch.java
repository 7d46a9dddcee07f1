package org.kaers.vocabulary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kaers.common.QueryText;

/** The filters of the product list, bound as a {@link BeanParam}; texts are stripped before they are checked. */
public record ProductSearch(
        @Parameter(example = "maeng da", schema = @Schema(type = SchemaType.STRING, maxLength = 300))
        @QueryParam("q")
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 300, message = "must be at most 300 characters")
        String q,

        @Parameter(example = "KRATOM", schema = @Schema(type = SchemaType.STRING))
        @QueryParam("substance")
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 32, message = "must be at most 32 characters")
        String substance,

        @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("curated")
        Boolean curated) {

    static final String NOT_BLANK = QueryText.NOT_BLANK;
}
