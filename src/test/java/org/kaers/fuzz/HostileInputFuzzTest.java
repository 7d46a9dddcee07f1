package org.kaers.fuzz;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomDistribution;
import org.junit.jupiter.api.Test;
import org.kaers.fixtures.CaseReports;
import org.kaers.fixtures.TestDatabase;

/**
 * Hostile input to every endpoint, generated with jqwik's arbitraries (a bounded number of requests; the
 * choice of operations is seeded, the values are jqwik's samples, and a failure names its request):
 * malformed, truncated, oversized, deeply nested, wrongly typed and injection-laden bodies, query parameters,
 * headers (Authorization in every spelling, Content-Type absent or a wildcard, oversized ones) and paths (each
 * non-canonical form: trailing slash, matrix parameters, empty and encoded segments). Whatever comes in: no 5xx,
 * every error a problem+json, and a refused request stores nothing. The run counts what it checked, and fails when
 * it checked (almost) nothing: a fuzzer whose requests never reach the service proves nothing.
 * (jqwik generates; the requests run inside this JUnit test, so that Quarkus manages the application.)
 */
@QuarkusTest
class HostileInputFuzzTest {

    private static final long SEED = 20261130L;
    private static final int CASES = Integer.getInteger("fuzz.cases", 400);

    /** Every operation (path placeholders filled with plausible or hostile values). */
    private static final String[][] OPERATIONS = {
        {"POST", "/api/v1/reports"},
        {"GET", "/api/v1/reports"},
        {"GET", "/api/v1/reports/{case}"},
        {"GET", "/api/v1/reports/{case}/versions"},
        {"GET", "/api/v1/reports/{case}/versions/{n}"},
        {"POST", "/api/v1/reports/{case}/follow-ups"},
        {"POST", "/api/v1/reports/{case}/nullification"},
        {"GET", "/api/v1/vocabulary/terms"},
        {"GET", "/api/v1/vocabulary/terms/{code}"},
        {"POST", "/api/v1/vocabulary/terms"},
        {"GET", "/api/v1/vocabulary/organ-classes"},
        {"GET", "/api/v1/vocabulary/coding-queue"},
        {"POST", "/api/v1/vocabulary/codings"},
        {"GET", "/api/v1/vocabulary/coding-preview"},
        {"GET", "/api/v1/products"},
        {"GET", "/api/v1/products/{n}"},
        {"PUT", "/api/v1/products/{n}"},
        {"POST", "/api/v1/products/{n}/merge"},
        {"GET", "/api/v1/products/review-queue"},
        {"GET", "/api/v1/products/match"},
        {"GET", "/api/v1/substances"},
        {"POST", "/api/v1/imports/caers"},
        {"GET", "/api/v1/stats/counts"},
        {"GET", "/api/v1/stats/trends"},
        {"GET", "/api/v1/stats/summary"},
        {"GET", "/api/v1/stats/line-listing"},
        {"GET", "/api/v1/signals"},
        {"GET", "/api/v1/audit"}
    };

    private static final List<String> NASTY = List.of(
            "'; drop table case_report; --",
            "\" or 1=1 --",
            "<script>alert(1)</script>",
            "${jndi:ldap://x/a}",
            "../../etc/passwd",
            "%00",
            "\u0000",
            "\uFFFF",
            "\uD83D\uDE00",
            "-1",
            "0",
            "9999999999999999999999",
            "1e309",
            "NaN",
            "null",
            "true",
            "[]",
            "{}",
            "",
            " ",
            "KAE-2026-000001",
            "kratom",
            "{{7*7}}",
            "\\",
            "%",
            "_",
            "*",
            "a".repeat(5000));

    /** Non-canonical spellings of a path (common.FrontDoor refuses each with 400 problem+json). */
    private static final List<java.util.function.UnaryOperator<String>> PATH_FORMS = List.of(
            p -> p + "/",
            p -> p.replaceFirst("^/api", "/api;x=1"),
            p -> p + ";a=b",
            p -> p.replaceFirst("^/api/", "/api//"),
            p -> p.replaceFirst("^/api/v1/", "/api/v1%2F"),
            p -> p.replaceFirst("^/api", "/%61pi"),
            p -> p.replaceFirst("^/api/", "/api/%2E/"));

    /**
     * Refused by the HTTP codec before any of the service runs, with the codec's own bare answer: a request
     * line over 16 KiB (414), headers over 32 KiB (431). The front door's own limits (4 KiB, 8 KiB) answer
     * problem+json.
     */
    private static final java.util.Set<Integer> PROTOCOL_LEVEL = java.util.Set.of(413, 414, 431);

    @Inject
    TestDatabase db;

    @Test
    void noInputGetsA5xxOrStoresAnythingWhenRefused() {
        Random random = new Random(SEED);
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.of(NASTY),
                Arbitraries.strings().all().ofMinLength(0).ofMaxLength(300),
                Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(40));
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(2000), // random text
                text.map(t -> "{\"reporter\": " + quote(t) + "}"),
                Arbitraries.integers().between(1, 20_000).map(HostileInputFuzzTest::nested),
                Arbitraries.integers().between(0, 400).map(HostileInputFuzzTest::truncatedReport),
                Arbitraries.integers().between(0, 10_000).map(HostileInputFuzzTest::mutatedReport),
                Arbitraries.of(
                        "[]", "null", "1", "\"x\"", "{\"a\":1,\"a\":2}", "{}", "", "{\"reporter\": {}} trailing"));
        Arbitrary<Integer> sizes = Arbitraries.integers().between(0, 4).withDistribution(RandomDistribution.uniform());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int skipped = 0;
        Map<String, Long> rowsBefore = db.rowCounts();
        for (int i = 0; i < CASES; i++) {
            String[] op = OPERATIONS[random.nextInt(OPERATIONS.length)];
            String path = op[1].replace("{case}", encode(sample(text, random)))
                    .replace(
                            "{n}",
                            encode(sample(Arbitraries.of("1", "0", "-5", "x", "99999999999999999999", "1.5"), random)))
                    .replace("{code}", encode(sample(text, random)));
            if (random.nextInt(5) == 0) {
                path = PATH_FORMS.get(random.nextInt(PATH_FORMS.size())).apply(path);
            }
            RequestSpecification request = given().urlEncodingEnabled(false)
                    .config(io.restassured.RestAssured.config()
                            .logConfig(
                                    io.restassured.config.LogConfig.logConfig().enablePrettyPrinting(false)));
            int params = sample(sizes, random);
            for (int p = 0; p < params; p++) {
                String name = random.nextBoolean()
                        ? sample(
                                Arbitraries.of(
                                        "by",
                                        "size",
                                        "page",
                                        "sex",
                                        "substance",
                                        "receivedFrom",
                                        "product",
                                        "q",
                                        "text",
                                        "name",
                                        "interval",
                                        "sort",
                                        "against",
                                        "minCases",
                                        "actor",
                                        "type"),
                                random)
                        : sample(text, random);
                request.queryParam(encode(name), encode(sample(text, random)));
            }
            if (random.nextInt(4) == 0) {
                request.header("If-Match", sanitizeHeader(sample(text, random)));
            }
            if (random.nextInt(4) == 0) {
                request.header("Idempotency-Key", sanitizeHeader(sample(text, random)));
            }
            if (random.nextInt(5) == 0) {
                request.header("Authorization", sanitizeHeader(sample(authorization(text), random)));
            }
            if (random.nextInt(8) == 0) {
                request.header("X-" + random.nextInt(100), "v".repeat(random.nextInt(12_000)));
            }
            if (!op[0].equals("GET")) {
                String contentType = sample(
                        Arbitraries.of(
                                "application/json",
                                "application/json",
                                "text/csv",
                                "text/plain",
                                "application/xml",
                                "application/json; charset=ISO-8859-1",
                                "*/*",
                                "application/*",
                                ""),
                        random);
                if (!contentType.isEmpty()) {
                    request.contentType(contentType);
                } else {
                    request.noContentType();
                }
                request.body(sample(body, random));
            }
            Response response;
            try {
                response = request.request(op[0], path);
            } catch (RuntimeException e) {
                skipped++;
                continue; // the client refused to send it (an illegal URL): nothing reached the service
            }
            checked++;
            int status = response.statusCode();
            String contentType = response.contentType();
            String label = op[0] + " " + path.substring(0, Math.min(path.length(), 160)) + " -> " + status;
            if (status >= 500) {
                failures.add(label);
            } else if (status >= 400
                    && !PROTOCOL_LEVEL.contains(status)
                    && !contentType.startsWith("application/problem+json")) {
                failures.add(label + " (" + contentType + ")");
            } else if (status >= 400) {
                Map<String, Long> rowsAfter = db.rowCounts();
                if (!rowsAfter.equals(rowsBefore)) {
                    failures.add(label + " changed rows");
                }
            }
            rowsBefore = db.rowCounts();
        }
        System.out.printf(
                "fuzz: %d of %d generated requests reached the service and were checked, %d skipped%n",
                checked, CASES, skipped);
        assertThat(checked + skipped).as("requests generated").isEqualTo(CASES);
        // About 85% reach the service with the fixed seed; fewer than 75% means the client refuses what it should send.
        assertThat(checked).as("requests checked").isGreaterThanOrEqualTo(CASES * 3 / 4);
        assertThat(failures).isEmpty();
    }

    /** jqwik samples outside a property run with its own seed; the failures list the inputs that failed. */
    @Test
    void aNulCharacterInTheUriIsAProblemNamingIt() {
        Map<String, Long> before = db.rowCounts();
        for (String path : List.of(
                "/api/v1/reports/KAE%00", "/api/v1/stats/counts?by=sex&sex=%00", "/api/v1/vocabulary/terms/%00")) {
            given().urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo("uri"));
        }
        given().urlEncodingEnabled(false)
                .contentType("application/json")
                .body(CaseReports.minimal().toString())
                .post("/api/v1/reports?x=%00")
                .then()
                .statusCode(400);
        assertThat(db.rowCounts()).isEqualTo(before);
    }

    /** Authorization headers: the default token in other spellings (case, padding, spaces), and junk. */
    private static Arbitrary<String> authorization(Arbitrary<String> text) {
        String token = org.kaers.fixtures.Tokens.ADMIN;
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "bearer " + token,
                        "BEARER " + token,
                        "Bearer  " + token,
                        "Bearer " + token + "=",
                        "Bearer " + token + "==",
                        "Basic YTpi",
                        "Bearer",
                        "Bearer a.b.c",
                        "Bearer ..",
                        "Bearer " + token.substring(0, token.length() / 2)),
                text.map(t -> "Bearer " + t));
    }

    private static <T> T sample(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.sample();
    }

    private static String nested(int depth) {
        return "{\"reporter\":".repeat(Math.min(depth, 2000)) + "1" + "}".repeat(Math.min(depth, 2000));
    }

    private static String truncatedReport(int cut) {
        String full = CaseReports.liverInjury().toString();
        return full.substring(0, Math.min(cut * full.length() / 400, full.length() - 1));
    }

    /** A valid report with one value replaced by a wrongly typed or hostile one. */
    private static String mutatedReport(int seed) {
        String full = CaseReports.liverInjury().toString();
        Random r = new Random(seed);
        String[] replacements = {
            "null",
            "[]",
            "{}",
            "-1",
            "1e999",
            "\""
                    + NASTY.get(r.nextInt(NASTY.size() - 1))
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\u0000", "\\u0000")
                    + "\"",
            "true",
            "\"\""
        };
        List<Integer> colons = new ArrayList<>();
        for (int i = 0; i < full.length(); i++) {
            if (full.charAt(i) == ':') {
                colons.add(i);
            }
        }
        int at = colons.get(r.nextInt(colons.size()));
        int end = at + 1;
        int depth = 0;
        while (end < full.length()) {
            char c = full.charAt(end);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return full.substring(0, at + 1) + replacements[r.nextInt(replacements.length)] + full.substring(end);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Header values must be visible ASCII for the client to send them; keep what it can send. */
    private static String sanitizeHeader(String s) {
        return s.chars()
                .filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
