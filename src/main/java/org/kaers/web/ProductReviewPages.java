package org.kaers.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reviewer's product review queue: reported names that became new uncurated products (with the product they
 * resemble, when the coder suggests one) or joined a product by fuzzy match. Confirm a merge (into the suggested
 * product or any product id: {@code POST /api/v1/products/{id}/merge}) or reject it by keeping the name as its own,
 * curated product ({@code PUT /api/v1/products/{id}}, which takes it out of the queue).
 */
@Path("/product-review")
@PermitAll
@Blocking
@Produces(MediaType.TEXT_HTML)
// a page: browsers, links and the identity provider add parameters, and a page answers HTML, not a 400 problem
@org.kaers.common.StrictQueryParameters.Lenient
public class ProductReviewPages {

    private final Api api;
    private final Template review;
    private final Template refused;

    ProductReviewPages(
            Api api, @Location("product-review.html") Template review, @Location("refused.html") Template refused) {
        this.api = api;
        this.review = review;
        this.refused = refused;
    }

    @GET
    public Response queue(@QueryParam("page") String page, @QueryParam("decided") String decided) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        return render(200, page, decided, null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(
            @PathParam("id") String id,
            @FormParam("csrf") String csrf,
            @FormParam("decision") String decision,
            @FormParam("into") String into,
            @FormParam("name") String name,
            @FormParam("substance") String substance,
            @FormParam("page") String page) {
        if (api.user() == null) {
            return Pages.signIn();
        }
        if (!Session.csrfMatches(api.authorization(), csrf)) {
            return Pages.forbidden(refused, api);
        }
        String product = id.replaceAll("[^0-9]", "");
        Api.Answer answer;
        if ("merge".equals(decision)) {
            Map<String, Object> body = new LinkedHashMap<>();
            String target = into == null ? "" : into.strip();
            body.put("into", target.matches("\\d{1,18}") ? Long.valueOf(target) : target.isEmpty() ? null : target);
            body.put("mergedBy", api.user());
            answer = api.post("/api/v1/products/" + product + "/merge", Map.of(), body);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name == null ? null : name.strip());
            body.put("substance", substance == null || substance.isBlank() ? null : substance.strip());
            answer = api.put("/api/v1/products/" + product, Map.of(), body);
        }
        if (answer.ok()) {
            return Response.seeOther(URI.create("/product-review?decided=" + product
                            + (page != null && page.matches("\\d{1,4}") ? "&page=" + page : "")))
                    .build();
        }
        return render(answer.status(), page, null, "Product " + product + " unchanged: " + Pages.problems(answer));
    }

    private Response render(int status, String page, String decided, String error) {
        Api.Answer queue = api.get(
                "/api/v1/products/review-queue" + Api.query(Map.of("page", page == null ? "" : page, "size", "20")),
                Map.of());
        if (!queue.ok()) {
            return CasePages.refusal(refused, api, queue);
        }
        Map<Object, String> names = new LinkedHashMap<>();
        if (queue.body().get("items") instanceof List<?> items) {
            for (Object item : items) {
                Object suggested = ((Map<?, ?>) item).get("suggestedProductId");
                if (suggested != null && !names.containsKey(suggested)) {
                    Api.Answer product = api.get("/api/v1/products/" + suggested, Map.of());
                    names.put(
                            suggested,
                            product.ok() ? String.valueOf(product.body().get("name")) : "product " + suggested);
                }
            }
        }
        Pager pager = Pager.of("/product-review", queue.body());
        return Response.status(status)
                .type(MediaType.TEXT_HTML)
                .entity(review.data("nav", Nav.of(api))
                        .data("queue", queue.body())
                        .data("suggestedNames", names)
                        .data("page", pager.pageNumber() - 1)
                        .data("pager", pager)
                        .data("decided", decided)
                        .data("error", error)
                        .render())
                .build();
    }
}
