package org.kaers.vocabulary;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

@QuarkusTest
class ProductResourceTest {

    @Inject
    TestDatabase db;

    @Test
    void misspelledKratomCountsAsKratomBeforeCuration() {
        String token = CaseReports.uniqueToken();
        String name = "MAENG DA {KROTAM} " + token;
        String caseNumber = submit(name, "alcohol");
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .statusCode(200)
                .body("derived.products[0].name", equalTo(name))
                .body("derived.products[0].coding.substance", equalTo("KRATOM"))
                .body("derived.products[0].coding.curated", equalTo(false))
                .body("derived.products[0].coding.method", equalTo("NEW"))
                .body("derived.products[1].coding.substance", equalTo("ALCOHOL"))
                .body("derived.products[1].coding.method", equalTo("EXACT"))
                .body("derived.products[1].coding.productName", equalTo("Alcohol"));
        given().queryParam("size", 100)
                .get("/api/v1/products/review-queue")
                .then()
                .statusCode(200)
                .body("items.reportedName", hasItem(name));
    }

    @Test
    void knownAliasesJoinTheCanonicalProduct() {
        String caseNumber = submit("Mitragyna speciosa", "XANAX");
        given().get("/api/v1/reports/" + caseNumber)
                .then()
                .body("derived.products[0].coding.productName", equalTo("Kratom (unspecified)"))
                .body("derived.products[0].coding.curated", equalTo(true))
                .body("derived.products[1].coding.productName", equalTo("Alprazolam"))
                .body("derived.products[1].coding.substance", equalTo("BENZODIAZEPINE"));
    }

    @Test
    void mergeMovesNamesAndCasesInOneStep() {
        String token = CaseReports.uniqueToken();
        String nameA = "Acme " + token + " red kratom";
        String nameB = "Zeta " + CaseReports.uniqueToken() + " kratom caps";
        submit(nameA, null);
        submit(nameA, null);
        submit(nameB, null);
        long a = productOf(nameA);
        long b = productOf(nameB);
        assertThat(a).isNotEqualTo(b);
        given().get("/api/v1/products/" + a).then().body("cases", equalTo(2)).body("reportedNames", hasItem(nameA));

        given().contentType(ContentType.JSON)
                .body("{\"into\": %d, \"mergedBy\": \"reviewer-2\"}".formatted(b))
                .post("/api/v1/products/" + a + "/merge")
                .then()
                .statusCode(200)
                .body("id", equalTo((int) b))
                .body("cases", equalTo(3))
                .body("reportedNames", hasItems(nameA, nameB));
        given().get("/api/v1/products/" + a)
                .then()
                .statusCode(200)
                .body("mergedInto", equalTo((int) b))
                .body("cases", equalTo(0));
        assertThat(productOf(nameA)).isEqualTo(b);
        // A new report with the merged product's name lands on the survivor.
        String later = submit(nameA + " ", null);
        given().get("/api/v1/reports/" + later).then().body("derived.products[0].coding.productId", equalTo((int) b));

        given().contentType(ContentType.JSON)
                .body("{\"into\": %d, \"mergedBy\": \"r\"}".formatted(b))
                .post("/api/v1/products/" + a + "/merge")
                .then()
                .statusCode(409);
        given().contentType(ContentType.JSON)
                .body("{\"into\": %d, \"mergedBy\": \"r\"}".formatted(b))
                .post("/api/v1/products/" + b + "/merge")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("into"));
        given().contentType(ContentType.JSON)
                .body("{\"into\": %d, \"mergedBy\": \"r\"}".formatted(a))
                .post("/api/v1/products/" + b + "/merge")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"into\": 999999999, \"mergedBy\": \"r\"}")
                .post("/api/v1/products/" + b + "/merge")
                .then()
                .statusCode(400);
    }

    @Test
    void curationSetsCanonicalFieldsAndAliases() {
        String token = CaseReports.uniqueToken();
        String name = "Gold " + token + " extract";
        submit(name, null);
        long id = productOf(name);
        given().contentType(ContentType.JSON)
                .body(
                        "{\"name\": \"Gold %s Kratom Extract\", \"vendor\": \"Gold Co\", \"form\": \"LIQUID_EXTRACT\", \"substance\": \"KRATOM\", \"aliases\": [\"gold %s shot\"]}"
                                .formatted(token, token))
                .put("/api/v1/products/" + id)
                .then()
                .statusCode(200)
                .body("curated", equalTo(true))
                .body("substance", equalTo("KRATOM"))
                .body("form", equalTo("LIQUID_EXTRACT"))
                .body("aliases", hasItem("gold " + token + " shot"));
        String later = submit("GOLD " + token + " SHOTS", null);
        given().get("/api/v1/reports/" + later).then().body("derived.products[0].coding.productId", equalTo((int) id));
        given().queryParam("size", 100)
                .get("/api/v1/products/review-queue")
                .then()
                .body("items.reportedName", not(hasItem(name)));

        var before = db.rowCounts();
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"substance\": \"UNOBTAINIUM\"}")
                .put("/api/v1/products/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("substance"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"substance\": \"KRATOM\", \"aliases\": [\"kratom\"]}")
                .put("/api/v1/products/" + id)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("aliases[0]"));
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    void searchSubstancesAndBadIds() {
        // size=100: other classes in the same JVM (ConcurrentCodingTest) store dozens of "kratom ..." products
        given().queryParam("q", "kratom")
                .queryParam("substance", "KRATOM")
                .queryParam("size", 100)
                .get("/api/v1/products")
                .then()
                .statusCode(200)
                .body("items.name", hasItem("Kratom (unspecified)"))
                .body("items.substance", not(hasItem("ALCOHOL")));
        given().get("/api/v1/substances")
                .then()
                .statusCode(200)
                .body("code", hasItems("KRATOM", "SEVEN_OH", "FENTANYL"))
                .body("find { it.code == 'KRATOM' }.products", org.hamcrest.Matchers.greaterThan(0));
        given().get("/api/v1/products/abc").then().statusCode(400).body("violations[0].in", equalTo("path"));
        given().get("/api/v1/products/999999999").then().statusCode(404);
        given().get("/api/v1/products/match").then().statusCode(400);
    }

    static long productOf(String name) {
        Integer id = given().queryParam("name", name)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .extract()
                .path("product.id");
        return id.longValue();
    }

    static String submit(String suspect, String concomitant) {
        ObjectNode report = CaseReports.withProduct(suspect);
        if (concomitant != null) {
            report.withArray("products").addObject().put("role", "CONCOMITANT").put("name", concomitant);
        }
        return CaseReports.submit(report);
    }
}
