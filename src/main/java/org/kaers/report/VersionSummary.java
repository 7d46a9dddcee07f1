package org.kaers.report;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version in a case's history. */
@Schema(name = "VersionSummary", description = "One version in the history of a case.")
public record VersionSummary(
        @Schema(examples = "1") int version, VersionType versionType, Instant receivedAt, boolean serious) {}
