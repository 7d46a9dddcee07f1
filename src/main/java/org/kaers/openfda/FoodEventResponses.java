package org.kaers.openfda;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.kaers.statistics.model.Protection;

/** openFDA's response shapes for food/event: the meta block, a record, a term count, a day count. */
final class FoodEventResponses {

    static final String DISCLAIMER = "Do not rely on openFDA to make decisions regarding medical care. While we make "
            + "every effort to ensure that data is accurate, you should assume all results are unvalidated. We may limit "
            + "or otherwise restrict your access to the API in line with our Terms of Service. Submission of an adverse "
            + "event report does not constitute an admission that a product caused or contributed to an event. The "
            + "information in these reports has not been scientifically or otherwise verified as to a cause and effect "
            + "relationship and cannot be used to estimate incidence (occurrence rate) or to estimate risk.";
    static final String TERMS = "https://open.fda.gov/terms/";
    static final String LICENSE = "https://open.fda.gov/license/";

    private FoodEventResponses() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "OpenFdaMeta",
            description = "openFDA's meta block (disclaimer as openFDA gives it for food/event), "
                    + "with the disclosure control applied to the numbers.")
    record Meta(
            @Schema(examples = "Do not rely on openFDA to make decisions regarding medical care. ...")
            String disclaimer,

            @Schema(examples = TERMS) String terms,
            @Schema(examples = LICENSE) String license,

            @JsonProperty("last_updated")
            @Schema(description = "Day of the latest change to any case (UTC).", examples = "2026-03-14")
            String lastUpdated,

            @Schema(description = "Searches only (not counts).")
            Results results,

            @Schema(
                    description = "How the numbers were protected: researchers' totals and counts by the cell key "
                            + "method (as /api/v1/stats); NONE for reviewers and administrators.")
            Protection disclosure) {}

    @Schema(name = "OpenFdaResults")
    record Results(
            @Schema(examples = "0") int skip,
            @Schema(examples = "1") int limit,

            @Schema(description = "Matching cases (for researchers the released, perturbed value).", examples = "152")
            long total) {}

    @Schema(name = "FoodEventSearchResponse")
    record SearchResponse(Meta meta, List<FoodEvent> results) {}

    @Schema(
            name = "FoodEventCountResponse",
            description = "count=<field>: terms by descending count; count=<date "
                    + "field>: days ascending ({time, count}).")
    record CountResponse(Meta meta, List<Object> results) {}

    @Schema(name = "OpenFdaTermCount")
    record TermCount(
            @Schema(examples = "VOMITING") String term,
            @Schema(examples = "31") long count) {}

    @Schema(name = "OpenFdaTimeCount")
    record TimeCount(
            @Schema(examples = "20180314") String time,
            @Schema(examples = "2") long count) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FoodEvent", description = "One case in openFDA's food/event shape (its latest version).")
    record FoodEvent(
            @JsonProperty("report_number") @Schema(examples = "2018-CFS-004512")
            String reportNumber,

            @JsonProperty("date_created") @Schema(examples = "20180314")
            String dateCreated,

            @JsonProperty("date_started") @Schema(examples = "20180301")
            String dateStarted,

            @Schema(examples = "[\"HOSPITALIZATION\", \"VISITED AN ER\"]")
            List<String> outcomes,

            @Schema(examples = "[\"VOMITING\", \"SEIZURE\"]")
            List<String> reactions,

            Consumer consumer,
            List<Product> products) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "FoodEventConsumer")
    record Consumer(
            @Schema(examples = "34") String age,

            @JsonProperty("age_unit") @Schema(examples = "year(s)")
            String ageUnit,

            @Schema(examples = "Male") String gender) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            name = "FoodEventProduct",
            description = "industry_code and industry_name are not recorded per product " + "(absent).")
    record Product(
            @Schema(examples = "SUSPECT") String role,

            @JsonProperty("name_brand") @Schema(examples = "MAENG DA KRATOM")
            String nameBrand,

            @JsonProperty("industry_code") String industryCode,
            @JsonProperty("industry_name") String industryName) {}
}
