package org.kaers.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The page and size query parameters of a list endpoint, bound as a {@link BeanParam} (with {@code @Valid}): page
 * 0-based up to {@value #MAX_PAGE}, size 1..{@value PageRequest#MAX_SIZE} (default {@value PageRequest#DEFAULT_SIZE});
 * a value out of range is a 400 naming the parameter, as is one that is not a whole number ({@link
 * WholeNumberConverter}).
 */
public record PageParams(
        @Parameter(
                description = "The 0-based page.",
                example = "0",
                schema = @Schema(type = SchemaType.INTEGER, format = "int32", defaultValue = "0"))
        @QueryParam("page")
        @Min(value = 0, message = PAGE_RANGE)
        @Max(value = MAX_PAGE, message = PAGE_RANGE)
        Integer page,

        @Parameter(
                description = "Items a page.",
                example = "20",
                schema =
                        @Schema(
                                type = SchemaType.INTEGER,
                                format = "int32",
                                defaultValue = "" + PageRequest.DEFAULT_SIZE))
        @QueryParam("size")
        @Min(value = 1, message = SIZE_RANGE)
        @Max(value = PageRequest.MAX_SIZE, message = SIZE_RANGE)
        Integer size) {

    public static final int MAX_PAGE = 1_000_000;
    static final String PAGE_RANGE = "must be between 0 and " + MAX_PAGE;
    static final String SIZE_RANGE = "must be between 1 and " + PageRequest.MAX_SIZE;

    /** An absent (or, as Quarkus REST binds it, empty) page or size takes its default. */
    public PageParams {
        page = page == null ? 0 : page;
        size = size == null ? PageRequest.DEFAULT_SIZE : size;
    }

    public PageRequest request() {
        return new PageRequest(page, size);
    }
}
