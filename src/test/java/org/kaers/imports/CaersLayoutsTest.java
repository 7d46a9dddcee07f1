package org.kaers.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kaers.fixtures.TestDatabase;

/**
 * Small files in each of FDA's three layouts, with C1 characters, placeholders for confidential names, a
 * repeated row, a CONCOMITANT-only report aged "76 Decade(s)", a term list with a comma inside a MedDRA name,
 * and a report that changes in a later export. Counts, 2x2 tables, PRR and ROR are read through the HTTP
 * endpoints (as ADMIN) and compared with numbers computed here from the CSV rows themselves.
 */
@QuarkusTest
@TestProfile(CaersLayoutsTest.OwnDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaersLayoutsTest {

    /** A clean database of its own (every case here is from this class), no suppression, worker off. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kaers.stats.small-cell-threshold",
                    "0",
                    "kaers.stats.aggregate-interval",
                    "off",
                    "kaers.signals.refit-check",
                    "off");
        }
    }

    private static final String KRATOM = "NATURE\u0092S WAY KRATOM";
    private static final String KRATOM_REPAIRED = "NATURE\u2019S WAY KRATOM";

    private static final String OLD_HEADER = "RA_Report #,RA_CAERS Created Date,AEC_Event Start Date,PRI_Product Role,"
            + "PRI_Reported Brand/Product Name,PRI_FDA Industry Code,PRI_FDA Industry Name,CI_Age at Adverse Event,"
            + "CI_Age Unit,CI_Gender,AEC_One Row Outcomes,SYM_One Row Coded Symptoms";
    /** 2020-2025: a BOM, other capitals and FDA's "MedRA" spelling. */
    private static final String CAERS_HEADER = "\uFEFFReport ID,CAERS Created Date,Date of Event,Product Type,Product,"
            + "Product Code,Description,Patient Age,Age Units,Sex,Outcomes,MedRA Preferred Terms";

    private static final String HFCS_HEADER =
            "report_id,date_fda_first_received_report,date_event,product_type,product,"
                    + "product_code,description,patient_age,age_units,sex,case_outcome,case_meddra_preferred_terms";

    @Inject
    TestDatabase db;

    /** The rows of one layout's first export; {p} is the report prefix. */
    private static String rows(String p, boolean later) {
        String r4terms = later ? "SEIZURE, VOMITING" : "SEIZURE";
        return String.join(
                        "\n",
                        p + "1,3/14/2019,3/1/2019,Suspect,\"" + KRATOM
                                + "\",54,Diet,34,Year(s),Male,HOSPITALIZATION,\"NAUSEA, VOMITING\"",
                        p
                                + "1,3/14/2019,3/1/2019,Concomitant,ALCOHOL,,,34,Year(s),Male,HOSPITALIZATION,\"NAUSEA, VOMITING\"",
                        // FDA repeats a row with only the term order changed: one product.
                        p + "1,3/14/2019,3/1/2019,Suspect,\"" + KRATOM
                                + "\",54,Diet,34,Year(s),Male,HOSPITALIZATION,\"VOMITING, NAUSEA\"",
                        p + "2,5/2/2018,,Suspect,REDACTED,54,Diet,,Not Available,Female,VISITED AN ER,HEADACHE",
                        p + "3,6/7/2017,,Suspect,ALCOHOL,,,51,Year(s),Female,NONE,\"NAUSEA, HEADACHE\"",
                        p + "4,7/8/2016,7/1/2016,Suspect,\"" + KRATOM
                                + "\",54,Diet,22,Year(s),Female,\"DEATH, HOSPITALIZATION\",\"" + r4terms + "\"",
                        p + "5,8/9/2015,,Concomitant,ALCOHOL,,,76,Decade(s),Male,DEATH,VOMITING",
                        p + "6,9/10/2014,,Suspect,EXEMPTION 4,54,Diet,40,Year(s),Female,NONE,NAUSEA",
                        p
                                + "7,10/11/2013,,Suspect,ZZTESTIUM TABLETS,54,Diet,30,Year(s),Female,NONE,\"HALLUCINATION, VISUAL, NAUSEA\"")
                + "\n";
    }

    private static final Map<String, String> FILES = new LinkedHashMap<>();
    private static final Map<String, String> LATER = new LinkedHashMap<>();

    static {
        for (var layout :
                Map.of("O", OLD_HEADER, "C", CAERS_HEADER, "H", HFCS_HEADER).entrySet()) {
            FILES.put(layout.getKey(), layout.getValue() + "\n" + rows("LAY-" + layout.getKey() + "-", false));
            LATER.put(layout.getKey(), layout.getValue() + "\n" + rows("LAY-" + layout.getKey() + "-", true));
        }
    }

    @Test
    @Order(1)
    void eachLayoutIsRecognisedAndEveryReportKept() {
        Map<String, String> layouts = Map.of("O", "CAERS_2004_2017", "C", "CAERS_2020_2025", "H", "HFCS_2026");
        for (var file : FILES.entrySet()) {
            JsonPath summary = post(file.getValue())
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(summary.getString("layout")).isEqualTo(layouts.get(file.getKey()));
            assertThat(summary.getLong("rows")).isEqualTo(rowCount(file.getValue()));
            assertThat(summary.getInt("reports"))
                    .isEqualTo(reports(file.getValue()).size());
            assertThat(summary.getInt("imported"))
                    .isEqualTo(reports(file.getValue()).size());
            assertThat(summary.getInt("skipped")).isZero();
            // Report 5: no suspect product and an age of 760 years, kept as reported.
            assertThat(summary.getLong("dataQualityProblems")).isEqualTo(2);
            given().get("/api/v1/imports/" + summary.getString("job"))
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("SUCCEEDED"))
                    .body("reportsStored", equalTo(7))
                    .body("rowsRead", equalTo((int) rowCount(file.getValue())));
        }
        for (var file : LATER.entrySet()) {
            post(file.getValue())
                    .then()
                    .statusCode(200)
                    .body("imported", equalTo(0))
                    .body("updated", equalTo(1))
                    .body("alreadyPresent", equalTo(6));
        }
    }

    @Test
    @Order(2)
    void theCasesAreAsTheSourceHasThem() {
        String r1 = caseOf("LAY-C-1");
        given().get("/api/v1/reports/" + r1)
                .then()
                .statusCode(200)
                .body("report.products.name", contains(KRATOM_REPAIRED, "ALCOHOL"))
                .body("report.reactions.verbatim", contains("NAUSEA", "VOMITING"))
                .body("latestVersion", equalTo(1));
        given().get("/api/v1/reports/" + caseOf("LAY-H-2"))
                .then()
                .statusCode(200)
                .body("report.products.name", contains("REDACTED"))
                .body("derived.products[0].coding.method", equalTo("WITHHELD"))
                .body("derived.products[0].coding.productId", nullValue());
        given().get("/api/v1/reports/" + caseOf("LAY-O-4"))
                .then()
                .statusCode(200)
                .body("latestVersion", equalTo(2))
                .body("versionType", equalTo("FOLLOW_UP"))
                .body("report.reactions.verbatim", contains("SEIZURE", "VOMITING"));
        given().get("/api/v1/reports/" + caseOf("LAY-O-4") + "/versions/1")
                .then()
                .statusCode(200)
                .body("report.reactions.verbatim", contains("SEIZURE"));
        given().get("/api/v1/reports/" + caseOf("LAY-H-5"))
                .then()
                .statusCode(200)
                .body("report.patient.age.value", equalTo(76))
                .body("report.patient.age.unit", equalTo("DECADE"))
                .body("report.products.role", contains("CONCOMITANT"))
                .body("derived.ageGroup", nullValue())
                .body("derived.dataQuality.field", containsInAnyOrder("products", "patient.age.value"));
        given().get("/api/v1/reports/" + caseOf("LAY-C-7"))
                .then()
                .statusCode(200)
                .body("report.reactions.verbatim", contains("HALLUCINATION, VISUAL", "NAUSEA"));
    }

    @Test
    @Order(3)
    void countsEqualAPlainCountOfTheFiles() {
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        Map<String, Report> latest = latestReports();
        Map<String, Long> byName = new TreeMap<>();
        Map<String, Long> byTerm = new TreeMap<>();
        for (Report r : latest.values()) {
            // Placeholders for withheld names are one value, NAME WITHHELD, counted once per case that has one.
            r.products().stream()
                    .map(n -> n.equals("REDACTED") || n.equals("EXEMPTION 4") ? "NAME WITHHELD" : n)
                    .distinct()
                    .forEach(n -> byName.merge(n, 1L, Long::sum));
            r.terms().forEach(t -> byTerm.merge(t, 1L, Long::sum));
        }
        assertThat(counts("productName")).isEqualTo(byName);
        assertThat(counts("verbatim")).isEqualTo(byTerm);
        JsonPath products = given().queryParam("by", "product")
                .queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // One product per distinct name here (none is a spelling of another); the placeholders are no product.
        assertThat(products.getList("results.collect { it.labels[0] }", String.class))
                .doesNotContain("REDACTED", "EXEMPTION 4", "NAME WITHHELD")
                .hasSize(byName.size() - 1);
        // A withheld product is still a product row of its case: it counts under its role.
        Map<String, Long> byRole = new TreeMap<>();
        reports(
                        String.join(
                                "\n",
                                LATER.values().stream()
                                        .map(f -> f.substring(f.indexOf('\n') + 1))
                                        .toList()),
                        true)
                .values()
                .forEach(roles -> roles.forEach(role -> byRole.merge(role, 1L, Long::sum)));
        assertThat(counts("productRole")).isEqualTo(byRole);
        assertThat(products.getLong("meta.totalCases")).isEqualTo(latest.size());
    }

    @Test
    @Order(4)
    void twoByTwoTablesEqualAPlainCountOfTheFiles() {
        Map<String, Report> latest = latestReports();
        String productId = given().queryParam("name", KRATOM_REPAIRED)
                .get("/api/v1/products/match")
                .then()
                .statusCode(200)
                .body("method", equalTo("EXACT"))
                .extract()
                .path("product.id")
                .toString();
        JsonPath body = given().queryParam("product", productId)
                .queryParam("against", "verbatim")
                .get("/api/v1/signals")
                .then()
                .extract()
                .jsonPath();
        if (body.get("results") == null) {
            // Without the as-reported level (another branch adds it), compare at the coded level.
            body = given().queryParam("product", productId)
                    .get("/api/v1/signals")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
        }
        long n = latest.size();
        assertThat(body.getLong("meta.totalCases")).isEqualTo(n);
        long subject = latest.values().stream()
                .filter(r -> r.products().contains(KRATOM_REPAIRED))
                .count();
        assertThat(body.getLong("meta.subjectCases")).isEqualTo(subject);
        Map<String, String> codedLabel = Map.of("NAUSEA", "Nausea", "VOMITING", "Vomiting", "SEIZURE", "Seizure");
        for (String term : List.of("NAUSEA", "VOMITING", "SEIZURE")) {
            long a = latest.values().stream()
                    .filter(r ->
                            r.products().contains(KRATOM_REPAIRED) && r.terms().contains(term))
                    .count();
            long withTerm = latest.values().stream()
                    .filter(r -> r.terms().contains(term))
                    .count();
            long b = subject - a;
            long c = withTerm - a;
            long d = n - a - b - c;
            Map<String, Object> row = body.<Map<String, Object>>getList("results").stream()
                    .filter(x ->
                            term.equals(x.get("label")) || codedLabel.get(term).equals(x.get("label")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + term));
            assertThat(List.of(num(row.get("a")), num(row.get("b")), num(row.get("c")), num(row.get("d"))))
                    .as(term)
                    .containsExactly(a, b, c, d);
            if (c > 0 && b > 0) {
                assertThat(measure(row, "prr"))
                        .as(term)
                        .isCloseTo(((double) a / (a + b)) / ((double) c / (c + d)), within(1e-4));
                assertThat(measure(row, "ror")).as(term).isCloseTo((double) a * d / ((double) b * c), within(1e-4));
            }
        }
    }

    @Test
    @Order(5)
    void aHeaderOfNoLayoutIs400NamingWhatIsMissing() {
        var before = db.rowCounts();
        post(HFCS_HEADER.replace(",sex", "") + "\nX1,1/1/2020,,Suspect,KRATOM,,,30,Year(s),NONE,NAUSEA\n")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].message", containsString("sex"))
                .body("violations[0].message", containsString("2026 HFCS"));
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aLargeImportIsAJobThatCanBeWatched() {
        var accepted = given().contentType("text/csv; charset=UTF-8")
                .header("Prefer", "respond-async")
                .body(FILES.get("O").replace("LAY-O-", "JOB-").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports/caers");
        accepted.then().statusCode(202).body("state", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "SUCCEEDED"));
        String location = accepted.header("Location");
        assertThat(location).contains("/api/v1/imports/");
        JsonPath job = null;
        for (int i = 0; i < 200; i++) {
            job = given().get(location).then().statusCode(200).extract().jsonPath();
            if (job.getString("state").equals("SUCCEEDED")) {
                break;
            }
            sleep();
        }
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        assertThat(job.getLong("reportsStored")).isEqualTo(7);
        assertThat(job.getLong("rowsTotal")).isEqualTo(9);
        assertThat(job.getLong("rowsRead")).isEqualTo(9);
        given().post(location + "/cancel").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/imports/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/imports/not-a-uuid").then().statusCode(404);
        given().get("/api/v1/imports")
                .then()
                .statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem(job.getString("id")));
    }

    @Inject
    ImportJobStore jobs;

    @Test
    @Order(7)
    void aJobLeftRunningByAStoppedServiceIsInterruptedWithWhereItStopped() {
        java.util.UUID id = java.util.UUID.randomUUID();
        assertThat(db.count("with j as (insert into import_job (id, source, state, created_by, created_at, started_at,"
                        + " rows_read, last_report) values ('" + id
                        + "', 'CAERS', 'RUNNING', 'admin', now(), now(), 1500,"
                        + " 'LAY-O-7') returning 1) select count(*) from j"))
                .isEqualTo(1);
        jobs.interruptLeftovers(); // what the start-up of the service does
        given().get("/api/v1/imports/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("INTERRUPTED"))
                .body("rowsRead", equalTo(1500))
                .body("detail", containsString("1500 rows read, last report LAY-O-7 stored"));
        given().post("/api/v1/imports/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    @Order(8)
    void anInterruptedJobIsResumedWhereItStoppedAndStoresNothingTwice() throws IOException {
        String file = FILES.get("O").replace("LAY-O-", "RES-");
        List<String> lines = file.lines().toList();
        // The run that was interrupted had committed the file's first two reports (rows 1-4: reports 1 and 2).
        post(String.join("\n", lines.subList(0, 5)) + "\n")
                .then()
                .statusCode(200)
                .body("imported", equalTo(2));
        java.util.UUID id = java.util.UUID.randomUUID();
        db.count("with j as (insert into import_job (id, source, state, layout, created_by, created_at, started_at,"
                + " bytes_total, rows_total, reports_total, rows_read, reports_read, reports_stored, last_report)"
                + " values ('" + id + "', 'CAERS', 'RUNNING', 'CAERS_2004_2017', 'admin', now(), now(), "
                + file.length()
                + ", 9, 7, 4, 2, 2, 'RES-2') returning 1) select count(*) from j");
        java.nio.file.Path workDir = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("kaers.imports.work-dir", String.class)
                .orElse(System.getProperty("java.io.tmpdir") + "/kaers-imports"));
        java.nio.file.Files.writeString(
                java.nio.file.Files.createDirectories(workDir).resolve(id + ".csv"), file);
        jobs.interruptLeftovers(); // what the start-up of the service does
        given().get("/api/v1/imports/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("INTERRUPTED"))
                .body("detail", containsString("/api/v1/imports/" + id + "/resume"));
        long casesBefore = db.count("select count(*) from case_report where external_id like 'RES-%'");

        var resumed = given().post("/api/v1/imports/" + id + "/resume");
        resumed.then()
                .statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/imports/" + id))
                .body("state", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "SUCCEEDED"))
                .body("resumed", equalTo(1));
        JsonPath job = null;
        for (int i = 0; i < 200; i++) {
            job = given().get("/api/v1/imports/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (!job.getString("state").equals("QUEUED")
                    && !job.getString("state").equals("RUNNING")) {
                break;
            }
            sleep();
        }
        assertThat(job.getString("state")).isEqualTo("SUCCEEDED");
        // Reports 1 and 2 were skipped (not read again, so not "unchanged"); the five others were stored.
        assertThat(List.of(
                        job.getLong("rowsRead"),
                        job.getLong("reportsRead"),
                        job.getLong("reportsStored"),
                        job.getLong("reportsUnchanged"),
                        job.getLong("reportsUpdated"),
                        job.getLong("reportsRejected")))
                .containsExactly(9L, 7L, 7L, 0L, 0L, 0L);
        assertThat(job.getString("lastReport")).isEqualTo("RES-7");
        assertThat(casesBefore).isEqualTo(2);
        assertThat(db.count("select count(*) from case_report where external_id like 'RES-%'"))
                .isEqualTo(7);
        assertThat(java.nio.file.Files.exists(workDir.resolve(id + ".csv")))
                .as("file removed once done")
                .isFalse();

        given().post("/api/v1/imports/" + id + "/resume")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is SUCCEEDED"));
        given().post("/api/v1/imports/" + java.util.UUID.randomUUID() + "/resume")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        java.util.UUID lost = java.util.UUID.randomUUID();
        db.count("with j as (insert into import_job (id, source, state, created_by, created_at) values ('" + lost
                + "', 'CAERS', 'INTERRUPTED', 'admin', now()) returning 1) select count(*) from j");
        given().post("/api/v1/imports/" + lost + "/resume")
                .then()
                .statusCode(409)
                .body("detail", containsString("no longer kept; post it again"));
    }

    @Inject
    org.kaers.vocabulary.ProductCoder productCoder;

    @Inject
    org.kaers.vocabulary.SymptomCoder symptomCoder;

    /**
     * The service killed after the reader committed a batch's codings and before the writer stored its cases (the
     * pipeline's one gap): what is left is codings without cases. Importing the file again stores every report once,
     * reuses those codings (no second product for a name) and counts exactly what the file holds.
     */
    @Test
    @Order(9)
    void codingsLeftByAKilledImportChangeNoCountAndAreReused() {
        String file = OLD_HEADER + "\n"
                + String.join(
                        "\n",
                        "KIL-1,3/14/2019,3/1/2019,Suspect,KILLED PIPELINE POWDER,54,Diet,34,Year(s),Male,NONE,"
                                + "\"NAUSEA, KILLED PIPELINE TERM\"",
                        "KIL-2,3/15/2019,3/1/2019,Suspect,KILLED PIPELINE POWDER,54,Diet,44,Year(s),Female,NONE,NAUSEA",
                        "KIL-3,3/16/2019,3/1/2019,Suspect,KILLED PIPELINE CAPSULES,54,Diet,54,Year(s),Male,NONE,"
                                + "KILLED PIPELINE TERM")
                + "\n";
        List<String> names = List.of("KILLED PIPELINE POWDER", "KILLED PIPELINE CAPSULES");
        List<String> terms = List.of("NAUSEA", "KILLED PIPELINE TERM");
        // what the reader commits for the batch before handing it to the writer (CaersImporter.flush)
        symptomCoder.ensureSourceCoded(terms);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            symptomCoder.ensureCoded(terms);
            productCoder.ensureCoded(names);
        });
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        assertThat(counts("productName")).doesNotContainKeys(names.toArray(String[]::new));
        assertThat(counts("verbatim")).doesNotContainKey("KILLED PIPELINE TERM");
        long products = db.count(
                "select count(distinct product_id) from product_name_coding where name like 'KILLED PIPELINE %'");
        assertThat(products).isEqualTo(2);

        post(file).then().statusCode(200).body("imported", equalTo(3));
        given().post("/api/v1/stats/aggregates/catch-up").then().statusCode(200);
        assertThat(db.count("select count(*) from case_report where external_id like 'KIL-%'"))
                .isEqualTo(3);
        assertThat(
                        db.count(
                                "select count(distinct product_id) from product_name_coding where name like 'KILLED PIPELINE %'"))
                .as("the codings left behind are reused: no second product for a name")
                .isEqualTo(products);
        Map<String, Long> byName = counts("productName");
        assertThat(byName).containsEntry("KILLED PIPELINE POWDER", 2L).containsEntry("KILLED PIPELINE CAPSULES", 1L);
        assertThat(counts("verbatim")).containsEntry("KILLED PIPELINE TERM", 2L);
        // and importing it again stores nothing twice
        post(file).then().statusCode(200).body("imported", equalTo(0));
        assertThat(db.count("select count(*) from case_report where external_id like 'KIL-%'"))
                .isEqualTo(3);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A report as the source has it after both exports: its products as named and its terms. */
    record Report(Set<String> products, Set<String> terms) {}

    /** Computed from the CSV text: the later export replaces each report it contains. */
    private static Map<String, Report> latestReports() {
        Map<String, Report> out = new HashMap<>();
        for (String file : LATER.values()) {
            out.putAll(reports(file));
        }
        return out;
    }

    private static Map<String, Report> reports(String file) {
        Map<String, Report> out = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(new StringReader(file), CSVFormat.DEFAULT)) {
            List<CSVRecord> records = csv.getRecords();
            for (CSVRecord r : records.subList(1, records.size())) {
                Report report =
                        out.computeIfAbsent(r.get(0), k -> new Report(new LinkedHashSet<>(), new LinkedHashSet<>()));
                report.products().add(r.get(4).replace('\u0092', '\u2019'));
                List<String> pieces = new ArrayList<>(List.of(r.get(11).split(", ")));
                for (int i = 0; i < pieces.size(); i++) {
                    // The one MedDRA name with a comma in these files.
                    if (pieces.get(i).equals("HALLUCINATION")
                            && i + 1 < pieces.size()
                            && pieces.get(i + 1).equals("VISUAL")) {
                        report.terms().add("HALLUCINATION, VISUAL");
                        i++;
                    } else {
                        report.terms().add(pieces.get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The roles of each report (SUSPECT, CONCOMITANT), from rows without a header. */
    private static Map<String, Set<String>> reports(String rows, boolean roles) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (CSVParser csv = CSVParser.parse(new StringReader(rows), CSVFormat.DEFAULT)) {
            for (CSVRecord r : csv.getRecords()) {
                out.computeIfAbsent(r.get(0), k -> new LinkedHashSet<>())
                        .add(r.get(3).toUpperCase(java.util.Locale.ROOT));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static long rowCount(String file) {
        return file.strip().lines().count() - 1;
    }

    private static Map<String, Long> counts(String by) {
        JsonPath body = given().queryParam("by", by)
                .queryParam("size", 1000)
                .get("/api/v1/stats/counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> group : body.<Map<String, Object>>getList("results")) {
            out.put(((List<?>) group.get("keys")).get(0).toString(), num(group.get("count")));
        }
        return out;
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static double measure(Map<String, Object> row, String name) {
        return ((Number) ((Map<?, ?>) row.get(name)).get("value")).doubleValue();
    }

    private String caseOf(String reportNumber) {
        return db.string(
                "select case_number from case_report where source = 'CAERS' and external_id = '" + reportNumber + "'");
    }

    private static io.restassured.response.Response post(String csv) {
        return given().contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports/caers");
    }
}
