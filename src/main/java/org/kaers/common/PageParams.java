package org.kaers.common;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
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

    /** The page asked for; an absent (or, as Quarkus REST binds it, empty) page or size takes its default. */
    public PageRequest request() {
        return new PageRequest(page == null ? 0 : page, size == null ? PageRequest.DEFAULT_SIZE : size);
    }

    /**
     * The page asked for; for a whole export (CSV, NDJSON: every page in one file) page and size are refused
     * instead, so that nobody takes one page's file for the whole list.
     */
    public PageRequest request(Exports.Format format) {
        if (format == Exports.Format.JSON) {
            return request();
        }
        List<Violation> refused = new ArrayList<>();
        if (page != null) {
            refused.add(Violation.query("page", EXPORT_REFUSAL));
        }
        if (size != null) {
            refused.add(Violation.query("size", EXPORT_REFUSAL));
        }
        if (!refused.isEmpty()) {
            throw new QueryParameterRejected(refused);
        }
        return new PageRequest(0, PageRequest.MAX_SIZE);
    }

    private static final String EXPORT_REFUSAL = "not taken by a CSV or NDJSON export: the file holds every page";
}
