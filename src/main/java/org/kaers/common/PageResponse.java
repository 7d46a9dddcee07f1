package org.kaers.common;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a stably sorted list, with totals. */
@Schema(description = "A page of results with totals.")
public record PageResponse<T>(
        @Schema(description = "The items on this page.") List<T> items,

        @Schema(description = "0-based page number.", examples = "0")
        int page,

        @Schema(description = "Page size asked for.", examples = "20")
        int size,

        @Schema(description = "Items matching the filters, over all pages.", examples = "137")
        long totalItems,

        @Schema(description = "Number of pages.", examples = "7")
        int totalPages) {

    public static <T> PageResponse<T> of(List<T> items, PageRequest page, long totalItems) {
        int totalPages = (int) ((totalItems + page.size() - 1) / page.size());
        return new PageResponse<>(items, page.page(), page.size(), totalItems, totalPages);
    }
}
