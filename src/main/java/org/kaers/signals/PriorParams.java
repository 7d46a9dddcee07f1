package org.kaers.signals;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The level of the EBGM prior an endpoint reads or refits ({@code against}), bound as a {@link BeanParam}: symptom
 * by default; any other value than a {@link PriorLevel} code is a 400 naming {@code against} ({@link
 * PriorLevelConverter}).
 */
public record PriorParams(
        @Parameter(
                example = "verbatim",
                description = "The level of the prior.",
                schema =
                        @Schema(
                                enumeration = {"symptom", "verbatim"},
                                defaultValue = "symptom"))
        @QueryParam("against")
        @DefaultValue("symptom")
        PriorLevel level) {}
