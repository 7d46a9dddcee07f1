package org.kaers.statistics;

import static io.restassured.RestAssured.given;

import org.kaers.fixtures.CaseReports;

/**
 * Cases with known receipt and onset dates, loaded through the CAERS import (which keeps the source's
 * dates) and isolated by a product name unique to the run:
 * received 2019-01 x6, 2019-02 x2, 2019-04 x7 (onset 2019-03-30), 2020-03 x1. Onset missing for 9.
 */
final class TrendData {

    final String product = "Trend kratom " + CaseReports.uniqueToken();

    TrendData() {
        StringBuilder csv = new StringBuilder("RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
                + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
                + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms\n");
        int n = 0;
        n = rows(csv, n, 6, "1/15/2019", "");
        n = rows(csv, n, 2, "2/3/2019", "");
        n = rows(csv, n, 7, "4/20/2019", "3/30/2019");
        rows(csv, n, 1, "3/9/2020", "");
        given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                .contentType("text/csv")
                .body(csv.toString())
                .post("/api/v1/imports/caers")
                .then()
                .statusCode(200);
        given().header("Authorization", org.kaers.fixtures.Tokens.bearer(org.kaers.fixtures.Tokens.ADMIN))
                .post("/api/v1/stats/aggregates/catch-up")
                .then()
                .statusCode(200);
    }

    private int rows(StringBuilder csv, int n, int count, String created, String onset) {
        for (int i = 0; i < count; i++) {
            csv.append(product.replace(' ', '-'))
                    .append('-')
                    .append(n + i)
                    .append(',')
                    .append(created)
                    .append(',')
                    .append(onset)
                    .append(",Suspect,")
                    .append(product)
                    .append(",54,,30,Year(s),Female,NONE,NAUSEA\n");
        }
        return n + count;
    }
}
