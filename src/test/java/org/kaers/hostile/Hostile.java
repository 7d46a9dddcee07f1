package org.kaers.hostile;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.kaers.fixtures.TestDatabase;

/** What the hostile-client tests share: the endpoints from the served OpenAPI document, path forms, audit polling. */
final class Hostile {

    static final ObjectMapper JSON = new ObjectMapper();

    private Hostile() {}

    /** One operation of the served document: method and path template. */
    record Endpoint(String method, String template) {
        String path(Map<String, String> values) {
            String path = template;
            for (Map.Entry<String, String> v : values.entrySet()) {
                path = path.replace("{" + v.getKey() + "}", v.getValue());
            }
            return path.replaceAll("\\{[^}]+}", "1");
        }
    }

    /** A non-canonical spelling of a path that a router might still map to the same resource. */
    record PathForm(String name, UnaryOperator<String> spell) {}

    /** Every operation under /api/ of the document the service serves. */
    static List<Endpoint> endpoints() {
        JsonNode paths = parse(given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .asString())
                .get("paths");
        List<Endpoint> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    found.add(new Endpoint(method, path.getKey()));
                }
            }
        }
        return found;
    }

    /** Every path form the issue names (and a few more), as spellings of a canonical /api/... path. */
    static List<PathForm> pathForms() {
        return List.of(
                new PathForm("trailing slash", p -> p + "/"),
                new PathForm("matrix parameter on the first segment", p -> p.replaceFirst("^/api", "/api;x=1")),
                new PathForm("matrix parameter on the last segment", p -> p + ";jsessionid=1"),
                new PathForm("empty matrix parameter", p -> p.replaceFirst("^/api/v1", "/api/v1;")),
                new PathForm("duplicate slash", p -> p.replaceFirst("^/api/", "/api//")),
                new PathForm("leading duplicate slash", p -> "/" + p),
                new PathForm("dot segment", p -> p.replaceFirst("^/api/", "/api/./")),
                new PathForm(
                        "dot-dot segment from the import prefix",
                        p -> p.replaceFirst("^/api/v1/", "/api/v1/imports/../")),
                new PathForm("encoded slash", p -> p.replaceFirst("^/api/v1/", "/api/v1%2F")),
                new PathForm("encoded dot segment", p -> p.replaceFirst("^/api/", "/api/%2e/")),
                new PathForm("encoded dot-dot segment", p -> p.replaceFirst("^/api/v1/", "/api/v1/x/%2E%2E/")),
                new PathForm("encoded letter", p -> p.replaceFirst("^/api", "/%61pi")),
                new PathForm(
                        "encoded semicolon",
                        p -> p + "%3Bx=1")); // a backslash never reaches the service: the HTTP codec refuses the
        // request line (bare 400)
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json.substring(0, Math.min(200, json.length())), e);
        }
    }

    /** Audit rows for a resource and status, waiting (bounded) for writes made off the event loop. */
    static long awaitAudit(TestDatabase db, String resource, int status, long atLeast) {
        String sql = "select count(*) from audit_event where resource = '" + resource.replace("'", "''")
                + "' and status = " + status;
        long found = db.count(sql);
        for (int i = 0; i < 100 && found < atLeast; i++) {
            sleep(50);
            found = db.count(sql);
        }
        return found;
    }

    /**
     * Audit rows with the given status per resource, for many resources in one query, waiting (bounded) until each
     * resource has at least as many rows as wanted.
     */
    static Map<String, Long> awaitAudits(TestDatabase db, Map<String, Long> wanted, int status) {
        String in = wanted.keySet().stream()
                .map(r -> "'" + r.replace("'", "''") + "'")
                .collect(java.util.stream.Collectors.joining(","));
        String sql = "select string_agg(resource || chr(9) || n, chr(10)) from (select resource, count(*) n"
                + " from audit_event where status = " + status + " and resource in (" + in
                + ") group by resource) g";
        Map<String, Long> found = new java.util.HashMap<>();
        for (int i = 0; i <= 100; i++) {
            found.clear();
            String rows = db.string(sql);
            if (rows != null) {
                for (String row : rows.split("\n")) {
                    int tab = row.lastIndexOf('\t');
                    found.put(row.substring(0, tab), Long.parseLong(row.substring(tab + 1)));
                }
            }
            if (wanted.entrySet().stream().allMatch(w -> found.getOrDefault(w.getKey(), 0L) >= w.getValue())) {
                break;
            }
            sleep(50);
        }
        return found;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
