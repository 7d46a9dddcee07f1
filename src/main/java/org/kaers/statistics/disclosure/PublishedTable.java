package org.kaers.statistics.disclosure;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The perturbation table as published. */
@Schema(name = "PerturbationTable", description = "The cell key method's parameters and table.")
public record PublishedTable(
        @Schema(examples = "CELL_KEY") String method,

        @Schema(description = "Counts from 1 up to this are never released.", examples = "5")
        int smallCellThreshold,

        @Schema(description = "Cell keys are sums of case keys modulo this.", examples = "4294967296")
        long cellKeyModulus,

        @Schema(description = "Standard deviation of the noise above the threshold.", examples = "1.58")
        double noiseStandardDeviation,

        @Schema(examples = "3") int maxNoise,

        @Schema(description = "Rows for values from this up are the cap's row shifted by v - cap.", examples = "9")
        int cap,

        List<Row> rows) {

    @Schema(
            name = "PerturbationRow",
            description = "One released value of a true value, with its probability and the "
                    + "range of cell keys (inclusive) that give it.")
    public record Row(
            @Schema(examples = "1") long value,
            @Schema(examples = "6") long released,
            @Schema(examples = "16/336") String probability,
            @Schema(examples = "3681400539") long cellKeyFrom,
            @Schema(examples = "3885922790") long cellKeyTo) {}

    public static PublishedTable of(PerturbationTable table) {
        List<Row> rows = new ArrayList<>();
        for (PerturbationTable.Line l : table.lines()) {
            rows.add(new Row(l.value(), l.released(), l.numerator() + "/" + l.denominator(), l.keyFrom(), l.keyTo()));
        }
        return new PublishedTable(
                "CELL_KEY",
                table.threshold(),
                PerturbationTable.MODULUS,
                Math.round(PerturbationTable.noiseStandardDeviation() * 100) / 100.0,
                PerturbationTable.maxNoise(),
                table.cap(),
                rows);
    }
}
