package org.kaers.vocabulary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.vocabulary.model.ProductForm;

/** The API shapes of products and substances. */
public final class ProductViews {

    private ProductViews() {}

    @Schema(name = "ProductSummary", description = "A canonical product in a list.")
    public record Summary(
            @Schema(examples = "1051") long id,
            @Schema(examples = "Kratom (unspecified)") String name,
            @Schema(examples = "KRATOM") String substance,
            boolean curated,

            @Schema(description = "Active cases (latest versions) naming the product.", examples = "12")
            long cases) {}

    @Schema(name = "ProductDetail", description = "A canonical product with its aliases and the names reporters used.")
    public record Detail(
            @Schema(examples = "1051") long id,
            @Schema(examples = "Kratom (unspecified)") String name,
            String vendor,
            ProductForm form,
            @Schema(examples = "KRATOM") String substance,
            boolean curated,

            @Schema(description = "Set when this product was merged into another.")
            Long mergedInto,

            @Schema(description = "Normalised names that identify the product.")
            List<String> aliases,

            @Schema(description = "Product names as reported that are coded to it.")
            List<String> reportedNames,

            @Schema(description = "Active cases (latest versions) naming the product.", examples = "12")
            long cases) {}

    @Schema(
            name = "ProductCuration",
            description = "Curates a product: its canonical name, vendor, form and substance.")
    public record Curation(
            @NotBlank @Size(max = 300) @Schema(examples = "MIT45 Gold Kratom Extract")
            String name,

            @Size(max = 300) @Schema(examples = "MIT45") String vendor,
            ProductForm form,
            @NotBlank @Schema(examples = "KRATOM") String substance,

            @Size(max = 50) @Schema(description = "More names that identify the product.")
            List<@NotBlank @Size(max = 300) String> aliases) {}

    @Schema(
            name = "ProductMerge",
            description = "Merges this product into another: aliases and reported names move, counts follow.")
    public record Merge(
            @NotNull @Positive @Schema(description = "The product that survives.", examples = "1051")
            Long into,

            @NotBlank @Size(max = 100) @Schema(examples = "reviewer@poison-centre.example")
            String mergedBy) {}

    @Schema(
            name = "ProductReviewEntry",
            description = "A product name that needs a person: a new uncurated product, or a fuzzy match.")
    public record ReviewEntry(
            @Schema(examples = "Maeng Da {krotam}") String reportedName,
            CodingMethod method,

            @Schema(description = "Trigram similarity of a fuzzy match.")
            java.math.BigDecimal score,

            Summary product,

            @Schema(
                    description = "For a NEW name that resembles an existing product without certainly being it "
                            + "(a distinguishing word, a strength or a missing word differs): that product. The name counts as "
                            + "its own product until a reviewer merges it (POST /api/v1/products/{id}/merge).",
                    examples = "1051")
            Long suggestedProductId,

            @Schema(description = "Trigram similarity to the suggested product.", examples = "0.765")
            java.math.BigDecimal suggestedScore) {}

    @Schema(name = "Substance", description = "A substance products are grouped by.")
    public record Substance(
            @Schema(examples = "KRATOM") String code,

            @Schema(examples = "Kratom (Mitragyna speciosa)")
            String name,

            @Schema(examples = "KRATOM_ALKALOID") String category,

            @Schema(description = "Canonical products of this substance.", examples = "7")
            long products) {}

    @Schema(name = "ProductMatch", description = "How a product name would be coded now; nothing is stored.")
    public record MatchPreview(
            @Schema(examples = "MAENG DA {KROTAM}") String name,
            @Schema(examples = "maeng da krotam") String normalized,
            @Schema(examples = "KRATOM") String substance,
            CodingMethod method,

            @Schema(description = "The product it would join; absent when it would become a new product.")
            Summary product) {}
}
