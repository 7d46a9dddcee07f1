package org.kaers.web;

import io.quarkus.qute.TemplateData;
import java.util.Map;

/** Where a page of an API list envelope is ({@code page}, {@code totalPages}), for the pager under a queue. */
@TemplateData
record Pager(String base, int pageNumber, int pages, Integer previous, Integer next) {

    static Pager of(String base, Map<String, Object> envelope) {
        int current = envelope.get("page") instanceof Number n ? n.intValue() : 0;
        int pages = Math.max(1, envelope.get("totalPages") instanceof Number n ? n.intValue() : 0);
        return new Pager(
                base, current + 1, pages, current > 0 ? current - 1 : null, current + 1 < pages ? current + 1 : null);
    }
}
