package org.kaers.report.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Voids a case: a reason, an optional comment, and the surviving case when it was a duplicate. */
@Schema(
        name = "NullificationRequest",
        description =
                "Voids a whole case. Irreversible. A comment is required with reason OTHER; duplicateOf only with reason DUPLICATE.")
public record NullificationRequest(
        @NotNull NullificationReason reason,

        @Size(max = 2000) @Schema(examples = "Same patient and event as the surviving case.")
        String comment,

        @Pattern(regexp = "[A-Z]{2,10}-\\d{4}-\\d{6,}", message = "must be a case number such as KAE-2026-000042")
        @Schema(description = "The surviving case number when this case duplicates it.", examples = "KAE-2026-000042")
        String duplicateOf) {}
