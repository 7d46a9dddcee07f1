package org.kaers.clusters;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API shapes of the stored cluster alerts. */
final class AlertViews {

    private AlertViews() {}

    /** A stored alert. */
    @Schema(
            name = "StoredClusterAlert",
            description = "A cluster alert as stored when its rule fired, with the cases "
                    + "behind it and the reviewers' decisions.")
    public record Alert(
            @Schema(examples = "101") long id,

            @Schema(description = "LOT, VENDOR or PRODUCT_WEEK.", examples = "LOT")
            String kind,

            @Schema(description = "The normalised lot or vendor, or the canonical product name.", examples = "7L0925")
            String key,

            @Schema(
                    description = "First day of the alert's window (the earliest window the rule fired in).",
                    examples = "2026-10-06")
            LocalDate from,

            @Schema(description = "Last day of the latest window the rule fired in.", examples = "2026-11-04")
            LocalDate to,

            @Schema(description = "Cases behind the alert (all firings of an open alert together).", examples = "3")
            int cases,

            @Schema(description = "PRODUCT_WEEK only: the baseline mean of the latest firing.", examples = "0.375")
            Double baselineMean,

            @Schema(description = "PRODUCT_WEEK only: the limit of the latest firing.", examples = "2.35")
            Double limit,

            List<String> caseNumbers,
            AlertStatus status,
            @Schema(examples = "2026-11-04T06:00:00Z") Instant raisedAt,

            @Schema(
                    description = "When the rule last added cases or widened the window.",
                    examples = "2026-11-05T06:00:00Z")
            Instant updatedAt,

            Decision acknowledged,
            Decision dismissed,

            @Schema(
                    description =
                            "The decided alert of the same kind and key this one follows (new cases after a decision).",
                    examples = "51")
            Long previousId) {}

    /** Who decided, when and why. */
    @Schema(name = "ClusterAlertDecision")
    public record Decision(
            @Schema(examples = "reviewer@centre.example") String by,
            @Schema(examples = "2026-11-05T09:12:00Z") Instant at,

            @Schema(examples = "Lot recalled; FDA notified.")
            String reason) {}

    /** A reviewer's acknowledgement or dismissal. */
    @Schema(name = "ClusterAlertDecisionRequest", description = "The reason is required and kept with the alert.")
    public record DecisionRequest(
            @NotNull @NotBlank @Size(max = 2000) @Schema(required = true, examples = "Lot recalled; FDA notified.")
            String reason) {}

    /** What a scan did. */
    @Schema(name = "ClusterScan", description = "What one run of the cluster rules stored.")
    public record Scan(
            @Schema(examples = "2026-11-04") LocalDate asOf,

            @Schema(description = "Alerts the rules found.", examples = "3")
            int fired,

            @Schema(description = "New stored alerts.", examples = "1")
            int raised,

            @Schema(description = "Open alerts that gained cases or a later window.", examples = "1")
            int updated,

            @Schema(description = "Firings already covered by a stored alert.", examples = "1")
            int unchanged,

            @Schema(description = "Ids of the alerts raised or updated.")
            List<Long> alertIds) {}
}
