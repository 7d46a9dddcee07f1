package org.kaers.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every tabular export (statistics, signals, the line listing) as CSV or NDJSON, in one place: the format from the
 * client's first Accept choice, the body streamed row by row (nothing is collected in memory: the rows come from
 * a {@link Source} that writes them as it reads them), and every file stamped with the data version it came from,
 * twice: the {@value #DATA_VERSION} response header, and a last column {@code data_version} (CSV) /
 * {@code dataVersion} (NDJSON) in every row, so a row that leaves its file still says where it came from. The
 * column goes last so that scripts written against the earlier CSV columns keep working. List cells (the line
 * listing's products, symptoms...) are JSON arrays in NDJSON and |-separated in CSV.
 */
public final class Exports {

    public static final String NDJSON = "application/x-ndjson";
    public static final String DATA_VERSION = "KAERS-Data-Version";
    /** What a list endpoint's OpenAPI description says of its whole export (SnapshotExports#pages). */
    public static final String WHOLE_LIST =
            " With Accept: text/csv or application/x-ndjson the whole list (every page, the "
                    + "same rows in the same order; page and size are a 400), streamed in constant memory from one snapshot and "
                    + "stamped with its data version (KAERS-Data-Version header and the last column of every row).";
    /** As the API writes JSON: ISO dates, plain decimals (the NDJSON rows equal the JSON answers' rows). */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    /** The same, leaving out what has no value (quarkus.jackson.serialization-inclusion=non_null): list items. */
    private static final ObjectMapper JSON_ITEMS =
            JSON.copy().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private Exports() {}

    /** The format of a response. */
    public enum Format {
        JSON,
        CSV,
        NDJSON
    }

    /** The client's first choice: CSV, NDJSON, else JSON (a wildcard is JSON). */
    public static Format format(HttpHeaders headers) {
        MediaType first = headers.getAcceptableMediaTypes().stream().findFirst().orElse(MediaType.WILDCARD_TYPE);
        if (first.isWildcardType() || first.isWildcardSubtype()) {
            return Format.JSON;
        }
        if (first.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE))) {
            return Format.CSV;
        }
        if (first.isCompatible(MediaType.valueOf(NDJSON))) {
            return Format.NDJSON;
        }
        return Format.JSON;
    }

    /** Receives the rows of an export, one at a time, cells in the order of the columns. */
    public interface Sink {
        void row(List<?> cells) throws IOException;
    }

    /** Writes every row of an export to the sink, reading them as it goes. */
    @FunctionalInterface
    public interface Source {
        void writeTo(Sink sink) throws IOException;
    }

    /**
     * A CSV or NDJSON response of these columns, stamped with the data version, offered for download as
     * {@code name-v<dataVersion>.csv} (or .ndjson).
     */
    public static Response table(Format format, String name, long dataVersion, List<String> columns, Source rows) {
        return table(format, name, dataVersion, columns, rows, false);
    }

    /**
     * The same, with {@code absentNulls}: an NDJSON row leaves out the fields without a value, as the API's JSON
     * answers do (a list export's rows are then its JSON items); a table's rows keep every column.
     */
    public static Response table(
            Format format, String name, long dataVersion, List<String> columns, Source rows, boolean absentNulls) {
        if (format == Format.JSON) {
            throw new IllegalArgumentException("JSON is the resource's own answer");
        }
        boolean csv = format == Format.CSV;
        StreamingOutput body = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            if (csv) {
                List<String> header = new ArrayList<>(columns);
                header.add("data_version");
                try (Csv.Printer printer = Csv.printer(out, header)) {
                    rows.writeTo(cells -> printer.row(csvRow(cells, dataVersion)));
                }
            } else {
                rows.writeTo(cells -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        if (!absentNulls || cells.get(i) != null) {
                            object.put(columns.get(i), cells.get(i));
                        }
                    }
                    object.put("dataVersion", dataVersion);
                    out.write((absentNulls ? JSON_ITEMS : JSON).writeValueAsString(object));
                    out.write('\n');
                });
                out.flush();
            }
        };
        String extension = csv ? ".csv" : ".ndjson";
        return Response.ok(body, csv ? Csv.MEDIA_TYPE + ";charset=UTF-8" : NDJSON + ";charset=UTF-8")
                .header(DATA_VERSION, dataVersion)
                .header("Content-Disposition", "attachment; filename=\"" + name + "-v" + dataVersion + extension + "\"")
                .build();
    }

    /** The same rows from a list (small answers such as one page of counts). */
    public static Response table(
            Format format, String name, long dataVersion, List<String> columns, List<? extends List<?>> rows) {
        return table(format, name, dataVersion, columns, sink -> {
            for (List<?> row : rows) {
                sink.row(row);
            }
        });
    }

    private static List<Object> csvRow(List<?> cells, long dataVersion) throws IOException {
        List<Object> out = new ArrayList<>(cells.size() + 1);
        for (Object cell : cells) {
            out.add(csvCell(cell));
        }
        out.add(dataVersion);
        return out;
    }

    /** A list of plain values |-separated; a structured value (a record, a map, a list of them) as its JSON text. */
    private static Object csvCell(Object cell) throws IOException {
        if (cell instanceof java.util.Collection<?> list && list.stream().allMatch(Exports::plain)) {
            return String.join("|", list.stream().map(String::valueOf).toList());
        }
        return plain(cell) ? cell : JSON.writeValueAsString(cell);
    }

    private static boolean plain(Object value) {
        return value == null
                || value instanceof CharSequence
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || value instanceof java.time.temporal.Temporal;
    }
}
