package org.kaers.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI document (openapi/openapi.json) must equal the one the service serves.
 * To regenerate it after an API change: ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.update=true
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("openapi", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void committedDocumentMatchesTheServedOne() throws IOException {
        JsonNode served = JSON.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(
                    COMMITTED,
                    JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(COMMITTED))
                .as("openapi/openapi.json exists (see the class comment)")
                .isTrue();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(JSON.writeValueAsString(JSON.treeToValue(served, Object.class)))
                .as("served OpenAPI document differs from openapi/openapi.json; regenerate it (see the class comment)")
                .isEqualTo(JSON.writeValueAsString(JSON.treeToValue(committed, Object.class)));
    }

    @Test
    void everyOperationHasAnIdASummaryAndDocumentedErrors() throws IOException {
        JsonNode served = JSON.readTree(
                given().queryParam("format", "json").get("/q/openapi").asString());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> path : served.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                checked++;
                if (!operation.hasNonNull("operationId")) {
                    problems.add(name + ": no operationId");
                }
                if (!operation.hasNonNull("summary")) {
                    problems.add(name + ": no summary");
                }
                if (!operation.path("responses").has("500")) {
                    problems.add(name + ": no 500 response");
                }
                if (operation.has("requestBody") && !operation.path("responses").has("400")) {
                    problems.add(name + ": no 400 response");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("operations checked (65 when this was written)").isGreaterThan(50);
        assertThat(served.at("/components/schemas/Problem/properties/violations")
                        .isMissingNode())
                .as("the Problem schema documents violations")
                .isFalse();
    }
}
