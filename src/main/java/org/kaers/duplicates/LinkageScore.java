package org.kaers.duplicates;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A pair's total weight (log2 likelihood ratio) and each field's part in it. */
@Schema(
        name = "LinkageScore",
        description =
                "Fellegi-Sunter weight of a pair: the sum of each field's log2(m/u) on agreement or log2((1-m)/(1-u)) on disagreement.")
public record LinkageScore(@Schema(examples = "18.4") double total, List<FieldWeight> fields) {

    /** One field's contribution. */
    @Schema(name = "FieldWeight", description = "One field's contribution to the linkage weight.")
    public record FieldWeight(
            LinkageField field,

            @Schema(
                    description = "AGREE, NEAR (within a distance), DISAGREE or MISSING (adds nothing).",
                    examples = "AGREE")
            String outcome,

            @Schema(examples = "6.2") double weight) {}
}
