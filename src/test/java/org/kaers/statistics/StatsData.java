package org.kaers.statistics;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import org.kaers.fixtures.CaseReports;

/**
 * Cases whose counts are known by construction, isolated by two product names unique to the test run.
 * In scope (latest versions, not nullified): 9 cases.
 * <pre>
 * case  products (names)              reactions (latest)          sex     serious  age
 * A     nameA (SUSPECT), alcohol      seizure, vomiting, fits     MALE    yes      34 y
 * B     nameB                         vomiting                    FEMALE  no       -
 * C     nameA                         seizure -> nausea (v2)      FEMALE  no       -
 * D     nameB                         seizure                     FEMALE  nullified, never counts
 * E1-6  nameA                         vomiting                    FEMALE  no       -
 * </pre>
 * Symptoms: Vomiting 8 (A, B, E1-6), Seizure 1 (A; "fits" is the same term), Nausea 1 (C).
 */
final class StatsData {

    final String nameA;
    final String nameB;

    StatsData() {
        String token = CaseReports.uniqueToken();
        nameA = "Kratom A " + token;
        nameB = "Kratom B " + token;
        ObjectNode a = report(nameA, "MALE", "seizure", "vomiting", "fits");
        a.withArray("products").addObject().put("role", "CONCOMITANT").put("name", "alcohol");
        CaseReports.criteria(a).add("HOSPITALIZATION");
        a.with("patient").putObject("age").put("value", 34).put("unit", "YEAR");
        CaseReports.submit(a, org.kaers.fixtures.Tokens.ADMIN);
        CaseReports.submit(report(nameB, "FEMALE", "vomiting"), org.kaers.fixtures.Tokens.ADMIN);
        String c = CaseReports.submit(report(nameA, "FEMALE", "seizure"), org.kaers.fixtures.Tokens.ADMIN);
        given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                .contentType(ContentType.JSON)
                .header("If-Match", "\"1\"")
                .body(report(nameA, "FEMALE", "nausea").toString())
                .post("/api/v1/reports/" + c + "/follow-ups")
                .then()
                .statusCode(201);
        String d = CaseReports.submit(report(nameB, "FEMALE", "seizure"), org.kaers.fixtures.Tokens.ADMIN);
        given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"NO_REAL_PATIENT\"}")
                .post("/api/v1/reports/" + d + "/nullification")
                .then()
                .statusCode(200);
        for (int i = 0; i < 6; i++) {
            CaseReports.submit(report(nameA, "FEMALE", "vomiting"), org.kaers.fixtures.Tokens.ADMIN);
        }
        given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200);
    }

    String names() {
        return nameA + "," + nameB;
    }

    private static ObjectNode report(String product, String sex, String... reactions) {
        ObjectNode r = CaseReports.withProduct(product);
        r.with("patient").put("sex", sex);
        r.putArray("reactions");
        for (String verbatim : reactions) {
            r.withArray("reactions").addObject().put("verbatim", verbatim).put("outcome", "UNKNOWN");
        }
        return r;
    }
}
