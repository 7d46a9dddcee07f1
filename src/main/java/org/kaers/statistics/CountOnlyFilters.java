package org.kaers.statistics;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The filters only the counts, trends and summaries take, bound as a {@link BeanParam}: the texts as reported (a
 * free text is accepted only when enough cases have it) and the product role and reaction outcome.
 */
public record CountOnlyFilters(
        @Parameter(
                description = "Product names as reported, comma-separated (at most 500 characters each).",
                example = "REUMOFAN PLUS",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("productName")
        String productName,

        @Parameter(
                description = "Product roles (SUSPECT, CONCOMITANT, INTERACTING), comma-separated.",
                example = "SUSPECT",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("productRole")
        String productRole,

        @Parameter(
                description = "Reaction terms as reported, comma-separated (at most 500 characters each).",
                example = "WEIGHT INCREASED",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("verbatim")
        String verbatim,

        @Parameter(
                description = "Reaction outcomes, comma-separated.",
                example = "RECOVERED",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("outcome")
        String outcome,

        @Parameter(
                description = "The source's own outcomes as reported (at most 100 characters each), comma-separated.",
                example = "VISITED AN ER",
                schema = @Schema(type = SchemaType.STRING))
        @QueryParam("sourceOutcome")
        String sourceOutcome) {}
