package org.kaers.duplicates;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** API shapes of the duplicate queue. */
final class DuplicateViews {

    private DuplicateViews() {}

    /** One suspect pair. */
    @Schema(
            name = "DuplicateSuspect",
            description = "Two cases that may be one, with the linkage weight and each field's part.")
    public record Suspect(
            @Schema(examples = "51") long id,

            @Schema(description = "The later of the two cases (in order of arrival).", examples = "KAE-2026-000131")
            String caseNumber,

            @Schema(description = "The earlier case it resembles.", examples = "KAE-2026-000124")
            String candidateCaseNumber,

            @Schema(
                    description = "Fellegi-Sunter weight (log2 likelihood ratio); suspects start at the threshold.",
                    examples = "21.4")
            BigDecimal score,

            DuplicateStatus status,
            List<LinkageScore.FieldWeight> fields,
            Instant foundAt,
            @Schema(examples = "reviewer@centre.example") String decidedBy,
            Instant decidedAt,

            @Schema(
                    description = "The reviewer's comment on the decision.",
                    examples = "Same patient: poison centre and ED reports.")
            String comment,

            @Schema(description = "The case nullified as a DUPLICATE when confirmed.", examples = "KAE-2026-000131")
            String nullifiedCase,

            @Schema(
                    description = "When the open pair was last re-weighed because a follow-up changed one of its cases "
                            + "(score and fields are then the new ones); null when never.",
                    examples = "2026-03-16T10:12:00Z")
            Instant rescoredAt) {}

    /** The screening queue's state. */
    @Schema(
            name = "DuplicateScreening",
            description = "Cases waiting for duplicate screening: every stored version (submission, follow-up, "
                    + "import) is screened by a background worker, about a second after it is stored (after a "
                    + "burst of submissions or an import, once it has settled: at most 5 minutes).")
    public record Screening(
            @Schema(description = "Cases queued for screening.", examples = "0")
            long pending,

            @Schema(
                    description = "Cases whose screening failed " + ScreeningQueue.MAX_ATTEMPTS
                            + " times; left queued for an operator, not retried.",
                    examples = "0")
            long failed,

            @Schema(description = "When the oldest queued case was queued; null when none is.")
            Instant oldestQueuedAt,

            @Schema(description = "Catch-up only: cases screened by this request.", examples = "12")
            Integer screened) {}

    /** Confirm: which case survives (default the earlier one); the other is nullified as its duplicate. */
    @Schema(
            name = "DuplicateConfirmation",
            description =
                    "Confirms the pair: the case not kept is nullified with reason DUPLICATE and duplicateOf the kept one.")
    public record Confirmation(
            @Pattern(regexp = "[A-Z]{2,10}-\\d{4}-\\d{6,}", message = "must be a case number such as KAE-2026-000042")
            @Schema(
                    description = "The case to keep: one of the pair. Default: the earlier case (candidateCaseNumber).",
                    examples = "KAE-2026-000124")
            String keep,

            @Size(max = 2000) @Schema(examples = "Same patient: poison centre and ED reports.")
            String comment) {}

    /** Dismiss: not the same case. */
    @Schema(name = "DuplicateDismissal", description = "Dismisses the pair: two different cases.")
    public record Dismissal(
            @Size(max = 2000) @Schema(examples = "Different patients with the same lot.")
            String comment) {}
}
