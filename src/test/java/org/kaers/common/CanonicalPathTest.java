package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalPathTest {

    @Test
    void canonicalPathsPass() {
        for (String path : List.of(
                "/api/v1/reports",
                "/api/v1/reports/KAE-2026-000001/versions/2",
                "/q/swagger-ui/",
                "/",
                "/api/v1/vocabulary/terms/caf%C3%A9",
                "/api/v1/vocabulary/terms/a%20b")) {
            assertThat(CanonicalPath.problem(path)).as(path).isNull();
        }
    }

    @Test
    void everyOtherSpellingIsRefused() {
        for (String path : List.of(
                "/api/v1/reports/",
                "/api;x=1/v1/reports",
                "/api/v1/reports;jsessionid=1",
                "/api//v1/reports",
                "//api/v1/reports",
                "/api/./v1/reports",
                "/api/v1/imports/../reports",
                "/api/v1%2Freports",
                "/api/v1%2freports",
                "/api/%2e/v1",
                "/api/v1/x/%2E%2E/reports",
                "/%61pi/v1/reports",
                "/api/v1/reports%3Bx",
                "/api\\v1/reports",
                "/api/v1/reports/..",
                "/api/v1/%25",
                "api/v1/reports",
                "")) {
            assertThat(CanonicalPath.problem(path)).as(path).isNotNull();
        }
    }
}
