package org.kaers.statistics.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kaers.common.PageParams;
import org.kaers.common.PageRequest;

/**
 * The page and size of the statistics tables (counts, signals, liver peaks), bound as a {@link BeanParam} (with
 * {@code @Valid}): larger pages than a list's ({@link PageParams}), size 1..{@value #MAX_SIZE}, default
 * {@value #DEFAULT_SIZE}; a value out of range or not a whole number is a 400 naming the parameter.
 */
public record StatsPage(
        @Parameter(
                description = "The 0-based page.",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
        @QueryParam("page")
        @Min(value = 0, message = PAGE_RANGE)
        @Max(value = PageParams.MAX_PAGE, message = PAGE_RANGE)
        Integer page,

        @Parameter(
                description = "Rows a page (up to " + MAX_SIZE + "; a plot wants them all).",
                schema =
                        @Schema(
                                type = SchemaType.INTEGER,
                                minimum = "1",
                                maximum = "" + MAX_SIZE,
                                defaultValue = "" + DEFAULT_SIZE))
        @QueryParam("size")
        @Min(value = 1, message = SIZE_RANGE)
        @Max(value = MAX_SIZE, message = SIZE_RANGE)
        Integer size) {

    public static final int MAX_SIZE = 1000;
    public static final int DEFAULT_SIZE = 100;
    static final String PAGE_RANGE = "must be between 0 and " + PageParams.MAX_PAGE;
    static final String SIZE_RANGE = "must be between 1 and " + MAX_SIZE;

    /** The page asked for; an absent page or size takes its default. */
    public PageRequest request() {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** Whether the caller asked for a page (page or size given): an export is then that page only. */
    public boolean given() {
        return page != null || size != null;
    }
}
