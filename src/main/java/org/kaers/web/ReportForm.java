package org.kaers.web;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kaers.report.model.ActionTaken;
import org.kaers.report.model.AgeGroup;
import org.kaers.report.model.AgeUnit;
import org.kaers.report.model.ChallengeResult;
import org.kaers.report.model.DoseUnit;
import org.kaers.report.model.LabTest;
import org.kaers.report.model.PatientHistory;
import org.kaers.report.model.ProductRole;
import org.kaers.report.model.PurchaseChannel;
import org.kaers.report.model.ReactionOutcome;
import org.kaers.report.model.ReasonForUse;
import org.kaers.report.model.ReporterQualification;
import org.kaers.report.model.Route;
import org.kaers.report.model.SeriousnessCriterion;
import org.kaers.report.model.Sex;
import org.kaers.vocabulary.model.ProductForm;

/**
 * The case report form: its sections and fields, named by their JSON path in the API's case report (so that every
 * violation the API names lands on its input), the form posted turned into that JSON, and a case read turned back
 * into the form (follow-ups start from the latest version). Top-level parts of a case the form does not show
 * (exposure, care, vital signs, toxicology) travel in a hidden field, so a follow-up never drops them.
 */
final class ReportForm {

    enum Kind {
        TEXT,
        NUMBER,
        DATE,
        SELECT,
        MULTI,
        BOOL,
        TEXTAREA
    }

    record Field(String name, String label, Kind kind, List<String> options, String hint) {}

    /** A section: one object ({@code rows == 0}, {@code path} empty for top-level fields) or a list of rows. */
    record Section(String path, String title, int rows, List<Field> fields) {}

    /** What a template needs of one input. */
    @TemplateData
    record Input(
            String name,
            String id,
            String label,
            String kind,
            String value,
            List<Option> options,
            String error,
            String hint) {
        public boolean invalid() {
            return error != null;
        }
    }

    @TemplateData
    record Option(String value, boolean selected) {
        /** The code as words: HOSPITALIZATION as Hospitalization, LIFE_THREATENING as Life threatening. */
        public String label() {
            return value.length() <= 3
                    ? value
                    : value.charAt(0) + value.substring(1).toLowerCase().replace('_', ' ');
        }
    }

    @TemplateData
    record Row(String label, String error, List<Input> inputs) {
        /** Whether nothing was typed in the row. */
        public boolean blank() {
            return inputs.stream().allMatch(i -> i.value().isEmpty());
        }
    }

    @TemplateData
    record SectionView(String id, String title, String path, boolean list, String error, List<Row> rows) {}

    /** A problem the API named, for the summary at the top of the form: the message and the input it belongs to. */
    @TemplateData
    record Problem(String field, String message, String anchor) {}

    static final String CARRIED = "_carried";
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    static final List<Section> SECTIONS = List.of(
            new Section(
                    "reporter",
                    "Reporter",
                    0,
                    List.of(
                            select("qualification", "Qualification", ReporterQualification.values()),
                            text("country", "Country (ISO code, e.g. US)"),
                            text("organisation", "Organisation (confidential)"),
                            text("contact", "Contact (confidential)"))),
            new Section(
                    "patient",
                    "Patient",
                    0,
                    List.of(
                            text("initials", "Initials (confidential)"),
                            number("age.value", "Age at onset"),
                            select("age.unit", "Age unit", AgeUnit.values()),
                            select("ageGroup", "Age group (when the age is not known)", AgeGroup.values()),
                            select("sex", "Sex", Sex.values()),
                            number("weightKg", "Weight (kg)"),
                            new Field("pregnant", "Pregnant", Kind.BOOL, List.of("true", "false"), null),
                            multi("history", "History", PatientHistory.values()))),
            new Section(
                    "products",
                    "Products: the kratom product and co-ingestants",
                    2,
                    List.of(
                            select("role", "Role", ProductRole.values()),
                            text("name", "Product name as reported"),
                            text("vendor", "Vendor or brand"),
                            select("form", "Form", ProductForm.values()),
                            text("strain", "Strain or vein label"),
                            text("lotNumber", "Lot number"),
                            number("mitragynineMgPerServing", "Mitragynine per serving (mg)"),
                            number("sevenOhMgPerServing", "7-hydroxymitragynine per serving (mg)"),
                            select("purchaseChannel", "Bought from", PurchaseChannel.values()),
                            number("doseAmount", "Amount per dose"),
                            select("doseUnit", "Dose unit", DoseUnit.values()),
                            number("dosesPerDay", "Doses per day"),
                            select("route", "Route", Route.values()),
                            date("startDate", "First exposure"),
                            date("stopDate", "Last exposure"),
                            select("reasonForUse", "Reason for use", ReasonForUse.values()),
                            select("actionTaken", "Action taken", ActionTaken.values()),
                            select("dechallenge", "Dechallenge", ChallengeResult.values()),
                            select("rechallenge", "Rechallenge", ChallengeResult.values()))),
            new Section(
                    "reactions",
                    "Reactions",
                    2,
                    List.of(
                            new Field(
                                    "verbatim",
                                    "Reaction in the reporter's words",
                                    Kind.TEXT,
                                    List.of(),
                                    "coded as typed"),
                            date("onsetDate", "Onset"),
                            select("outcome", "Outcome", ReactionOutcome.values()))),
            new Section(
                    "",
                    "Seriousness",
                    0,
                    List.of(
                            multi(
                                    "seriousnessCriteria",
                                    "Seriousness criteria (none: not serious)",
                                    SeriousnessCriterion.values()),
                            date("dateOfDeath", "Date of death"))),
            new Section(
                    "labs",
                    "Laboratory results",
                    2,
                    List.of(
                            select("testCode", "Test", LabTest.values()),
                            number("value", "Value"),
                            text("unit", "Unit (e.g. U/L, mg/dL)"),
                            number("upperLimitOfNormal", "Upper limit of normal (same unit)"),
                            date("date", "Date"))),
            new Section(
                    "",
                    "Narrative",
                    0,
                    List.of(
                            text("centreReference", "Your centre's case reference"),
                            new Field("narrative", "Narrative (confidential)", Kind.TEXTAREA, List.of(), null))));

    /** Objects a case report always has (sent empty when nothing was typed, so that the API's rules decide). */
    private static final Set<String> REQUIRED = Set.of("reporter", "patient");

    /** Top-level keys of a case report the form shows. */
    private static final Set<String> SHOWN = Set.of(
            "reporter",
            "patient",
            "products",
            "reactions",
            "seriousnessCriteria",
            "dateOfDeath",
            "labs",
            "narrative",
            "centreReference");

    private ReportForm() {}

    /** Rows of each list section, at least the default and at least as many as the values hold. */
    static Map<String, Integer> rows(MultivaluedMap<String, String> values) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (Section section : SECTIONS) {
            if (section.rows() > 0) {
                int n = section.rows();
                String asked = values.getFirst("rows." + section.path());
                if (asked != null && asked.matches("\\d{1,2}")) {
                    n = Math.max(n, Math.min(Integer.parseInt(asked), 50));
                }
                for (String key : values.keySet()) {
                    if (key.startsWith(section.path() + "[")) {
                        int end = key.indexOf(']');
                        String index = key.substring(section.path().length() + 1, Math.max(end, 0));
                        if (index.matches("\\d{1,2}")) {
                            n = Math.max(n, Integer.parseInt(index) + 1);
                        }
                    }
                }
                rows.put(section.path(), n);
            }
        }
        return rows;
    }

    /** The posted form as the API's case report (empty inputs and empty rows left out). */
    static Map<String, Object> toJson(MultivaluedMap<String, String> values, Map<String, Object> carried) {
        Map<String, Object> report = new LinkedHashMap<>(carried);
        Map<String, Integer> rows = rows(values);
        for (Section section : SECTIONS) {
            if (section.rows() == 0) {
                Map<String, Object> object = section.path().isEmpty() ? report : new LinkedHashMap<>();
                fill(object, section, section.path(), values);
                if (!section.path().isEmpty() && (!object.isEmpty() || REQUIRED.contains(section.path()))) {
                    report.put(section.path(), object);
                }
            } else {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < rows.get(section.path()); i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    fill(row, section, section.path() + "[" + i + "]", values);
                    if (!row.isEmpty()) {
                        list.add(row);
                    }
                }
                if (!list.isEmpty()) {
                    report.put(section.path(), list);
                }
            }
        }
        return report;
    }

    private static void fill(
            Map<String, Object> object, Section section, String prefix, MultivaluedMap<String, String> values) {
        for (Field field : section.fields()) {
            String name = name(prefix, field.name());
            Object value;
            if (field.kind() == Kind.MULTI) {
                List<String> chosen = values.getOrDefault(name, List.of()).stream()
                        .filter(v -> !v.isBlank())
                        .toList();
                value = chosen.isEmpty() ? null : chosen;
            } else {
                String text = values.getFirst(name);
                value = text == null || text.isBlank() ? null : typed(field.kind(), text.strip());
            }
            if (value != null) {
                put(object, field.name(), value);
            }
        }
    }

    private static Object typed(Kind kind, String text) {
        if (kind == Kind.NUMBER && NUMBER.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        if (kind == Kind.BOOL && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        return text; // as typed: the API names what is wrong with it
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> object, String dotted, Object value) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            object.put(dotted, value);
        } else {
            Map<String, Object> inner =
                    (Map<String, Object>) object.computeIfAbsent(dotted.substring(0, dot), k -> new LinkedHashMap<>());
            put(inner, dotted.substring(dot + 1), value);
        }
    }

    /** A case report (as the API returns it) as form values. */
    @SuppressWarnings("unchecked")
    static MultivaluedMap<String, String> fromJson(Map<String, Object> report) {
        MultivaluedMap<String, String> values = new jakarta.ws.rs.core.MultivaluedHashMap<>();
        for (Section section : SECTIONS) {
            if (section.rows() == 0) {
                Object object = section.path().isEmpty() ? report : report.get(section.path());
                if (object instanceof Map<?, ?> map) {
                    read(values, section, section.path(), (Map<String, Object>) map);
                }
            } else if (report.get(section.path()) instanceof List<?> list) {
                values.putSingle("rows." + section.path(), String.valueOf(Math.max(list.size(), section.rows())));
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> map) {
                        read(values, section, section.path() + "[" + i + "]", (Map<String, Object>) map);
                    }
                }
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void read(
            MultivaluedMap<String, String> values, Section section, String prefix, Map<String, Object> object) {
        for (Field field : section.fields()) {
            Object value = object;
            for (String part : field.name().split("\\.")) {
                value = value instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
            }
            if (value instanceof List<?> list) {
                list.forEach(v -> values.add(name(prefix, field.name()), String.valueOf(v)));
            } else if (value instanceof BigDecimal number) {
                values.putSingle(name(prefix, field.name()), number.toPlainString());
            } else if (value != null) {
                values.putSingle(name(prefix, field.name()), String.valueOf(value));
            }
        }
    }

    /** Top-level parts of a case report the form does not show, carried unchanged through a follow-up. */
    static Map<String, Object> carried(Map<String, Object> report) {
        Map<String, Object> carried = new LinkedHashMap<>(report);
        carried.keySet().removeAll(SHOWN);
        return carried;
    }

    /** The form, with what was typed and the API's violations on their inputs, rows and sections. */
    static List<SectionView> view(MultivaluedMap<String, String> values, Map<String, String> violations) {
        Map<String, Integer> rows = rows(values);
        List<SectionView> out = new ArrayList<>();
        int n = 0;
        for (Section section : SECTIONS) {
            String sectionId = "section-" + (section.path().isEmpty() ? "s" + n : section.path());
            n++;
            List<Row> rowViews = new ArrayList<>();
            if (section.rows() == 0) {
                rowViews.add(new Row(null, null, inputs(section, section.path(), values, violations)));
            } else {
                for (int i = 0; i < rows.get(section.path()); i++) {
                    String prefix = section.path() + "[" + i + "]";
                    String label = switch (section.path()) {
                        case "products" ->
                            i == 0
                                    ? "Product 1 (the kratom product)"
                                    : "Product " + (i + 1) + " (co-ingestant or another kratom product)";
                        case "reactions" -> "Reaction " + (i + 1);
                        default -> "Result " + (i + 1);
                    };
                    rowViews.add(new Row(label, violations.get(prefix), inputs(section, prefix, values, violations)));
                }
            }
            String sectionError = section.path().isEmpty() ? null : violations.get(section.path());
            out.add(new SectionView(
                    sectionId, section.title(), section.path(), section.rows() > 0, sectionError, rowViews));
        }
        return out;
    }

    private static List<Input> inputs(
            Section section, String prefix, MultivaluedMap<String, String> values, Map<String, String> violations) {
        List<Input> inputs = new ArrayList<>();
        for (Field field : section.fields()) {
            String name = name(prefix, field.name());
            List<String> chosen = values.getOrDefault(name, List.of());
            String value = chosen.isEmpty() ? "" : chosen.get(0);
            List<Option> options = field.options().stream()
                    .map(o -> new Option(o, chosen.contains(o)))
                    .toList();
            String error = violations.get(name);
            if (error == null && field.name().contains(".")) { // patient.age for patient.age.value
                error = violations.get(
                        name(prefix, field.name().substring(0, field.name().indexOf('.'))));
            }
            inputs.add(
                    new Input(name, id(name), field.label(), field.kind().name(), value, options, error, field.hint()));
        }
        return inputs;
    }

    /** Every violation for the summary, each linked to the input (or row, or section) it belongs to. */
    static List<Problem> problems(Map<String, String> violations, List<SectionView> form) {
        List<Problem> out = new ArrayList<>();
        violations.forEach((field, message) -> {
            String anchor = null;
            for (SectionView section : form) {
                if (field.equals(section.path()) && !field.isEmpty()) {
                    anchor = section.id();
                }
                for (Row row : section.rows()) {
                    for (Input input : row.inputs()) {
                        if (anchor == null
                                && (input.name().equals(field) || input.name().startsWith(field + "."))) {
                            anchor = input.id();
                        }
                    }
                }
            }
            out.add(new Problem(field.isEmpty() ? "report" : field, message, anchor));
        });
        return out;
    }

    static String name(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    static String id(String name) {
        return "f-" + name.replace('[', '-').replace("]", "").replace('.', '-');
    }

    private static Field text(String name, String label) {
        return new Field(name, label, Kind.TEXT, List.of(), null);
    }

    private static Field number(String name, String label) {
        return new Field(name, label, Kind.NUMBER, List.of(), null);
    }

    private static Field date(String name, String label) {
        return new Field(name, label, Kind.DATE, List.of(), "YYYY-MM-DD");
    }

    private static Field select(String name, String label, Enum<?>[] values) {
        return new Field(
                name, label, Kind.SELECT, Arrays.stream(values).map(Enum::name).toList(), null);
    }

    private static Field multi(String name, String label, Enum<?>[] values) {
        return new Field(
                name, label, Kind.MULTI, Arrays.stream(values).map(Enum::name).toList(), null);
    }
}
