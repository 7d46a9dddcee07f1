package org.kaers.vocabulary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API shapes of the vocabulary. */
public final class VocabularyViews {

    private VocabularyViews() {}

    @Schema(name = "Term", description = "A symptom term with every name it is known by.")
    public record Term(
            @Schema(examples = "KT0012") String code,
            @Schema(examples = "Jaundice") String preferredName,
            @Schema(examples = "HEPATOBILIARY") String organClass,

            @Schema(description = "False for a term added outside the curated list (uncurated).")
            boolean curated,

            @Schema(description = "Optional code in an external terminology, supplied by a user.")
            String externalCode,

            @Schema(
                    description = "Synonyms as written in the list.",
                    examples = "[\"yellow skin\", \"JAUNDICE\", \"icterus\"]")
            List<String> synonyms) {}

    @Schema(name = "TermHit", description = "A term found by text search, with the name that matched.")
    public record TermHit(
            @Schema(examples = "KT0031") String code,
            @Schema(examples = "Seizure") String preferredName,
            @Schema(examples = "NERVOUS_SYSTEM") String organClass,
            boolean curated,

            @Schema(description = "The preferred name or synonym that matched.", examples = "fits")
            String matchedSynonym,

            @Schema(
                    description = "1 for an exact match, 0.9 for a prefix match, else trigram similarity.",
                    examples = "1")
            BigDecimal score) {}

    @Schema(name = "OrganClass", description = "An organ-system class and how many terms it has.")
    public record OrganClass(
            @Schema(examples = "HEPATOBILIARY") String code,
            @Schema(examples = "Hepatobiliary disorders") String name,
            @Schema(examples = "14") long terms) {}

    @Schema(
            name = "CodingQueueEntry",
            description = "A normalised verbatim that no term matched, with the cases that use it.")
    public record QueueEntry(
            @Schema(examples = "felt weird") String normalized,

            @Schema(
                    description = "The verbatims as reported (up to 10).",
                    examples = "[\"Felt weird\", \"felt WEIRD!\"]")
            List<String> verbatims,

            @Schema(description = "Active cases (latest versions) with one of these verbatims.", examples = "3")
            long cases) {}

    @Schema(
            name = "ManualCoding",
            description = "Codes a verbatim (and every verbatim with the same normalised form) to a term.")
    public record ManualCoding(
            @NotBlank @Size(max = 500) @Schema(examples = "felt weird")
            String verbatim,

            @NotBlank @Size(max = 20) @Schema(examples = "KT0040")
            String termCode,

            @NotBlank
            @Size(max = 100)
            @Schema(description = "Who decided.", examples = "reviewer@poison-centre.example")
            String codedBy,

            @Size(max = 1000) @Schema(examples = "Reporter confirmed dizziness by phone.")
            String comment) {}

    @Schema(name = "ManualCodingResult", description = "What a manual coding changed.")
    public record ManualCodingResult(
            @Schema(examples = "felt weird") String normalized,
            TermHit term,

            @Schema(description = "Distinct verbatims now coded to the term.", examples = "2")
            int verbatims,

            @Schema(description = "Active cases whose reactions now count as the term.", examples = "3")
            long cases,

            String codedBy,
            Instant codedAt) {}

    @Schema(name = "NewTerm", description = "A term the curated list lacks, added as uncurated (code KU...).")
    public record NewTerm(
            @NotBlank @Size(max = 200) @Schema(examples = "SEROTONIN SYNDROME")
            String preferredName,

            @Pattern(regexp = "[A-Z_]{2,40}", message = "must be an organ class code such as NERVOUS_SYSTEM")
            @Schema(description = "Organ class; UNCLASSIFIED when omitted.", examples = "NERVOUS_SYSTEM")
            String organClass,

            @Size(max = 40) @Schema(description = "Optional external code supplied by the user.")
            String externalCode,

            @Size(max = 50) List<@NotBlank @Size(max = 500) String> synonyms) {}

    @Schema(name = "CodingPreview", description = "How a text would be coded now; nothing is stored.")
    public record CodingPreview(
            @Schema(examples = "Fits!!") String text,
            @Schema(examples = "fit") String normalized,

            @Schema(description = "Absent when the text would stay uncoded.")
            TermHit term,

            CodingMethod method) {}
}
