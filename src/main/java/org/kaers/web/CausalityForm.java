package org.kaers.web;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kaers.causality.model.NaranjoAnswer;
import org.kaers.causality.model.RucamAnswer;
import org.kaers.causality.model.RucamItem;
import org.kaers.causality.model.RucamScale;
import org.kaers.causality.model.WhoUmcCategory;

/**
 * The reviewer's causality form for one product x reaction: a WHO-UMC category, Naranjo's ten questions and the
 * RUCAM items the case does not answer (the items it does are shown with their basis and may be overridden). The
 * service scores everything; this class only turns the RUCAM preview into inputs and the posted form into the
 * API's request ({@code POST /api/v1/reports/{n}/causality}).
 */
final class CausalityForm {

    /** Naranjo's questions: the API's field name and the question (Naranjo et al., 1981). */
    static final List<String[]> NARANJO = List.of(
            new String[] {"previousConclusiveReports", "1. Previous conclusive reports on this reaction?"},
            new String[] {"appearedAfterProduct", "2. Did the event appear after the product was given?"},
            new String[] {
                "improvedOnStopOrAntagonist", "3. Did it improve when the product was stopped or an antagonist given?"
            },
            new String[] {"reappearedOnReadministration", "4. Did it reappear when the product was given again?"},
            new String[] {"alternativeCauses", "5. Are there alternative causes that could on their own have caused it?"
            },
            new String[] {"reactionToPlacebo", "6. Did it reappear when a placebo was given?"},
            new String[] {
                "toxicConcentration", "7. Was the product detected in blood or other fluids in toxic concentrations?"
            },
            new String[] {"doseRelated", "8. Was it more severe with a higher dose, or less severe with a lower one?"},
            new String[] {"similarReactionBefore", "9. A similar reaction to the same or similar products before?"},
            new String[] {"objectiveEvidence", "10. Was the event confirmed by any objective evidence?"});

    /** One select of the form: its name in the posted form, label, options, the value chosen, an error. */
    @TemplateData
    record Choice(
            String name,
            String id,
            String label,
            List<String> options,
            String value,
            String error,
            String source,
            String basis,
            boolean required) {
        public boolean invalid() {
            return error != null;
        }
    }

    private CausalityForm() {}

    static Choice whoUmc(MultivaluedMap<String, String> typed, Map<String, String> violations) {
        return new Choice(
                "whoUmc",
                "c-whoUmc",
                "WHO-UMC category",
                Arrays.stream(WhoUmcCategory.values()).map(Enum::name).toList(),
                value(typed, "whoUmc"),
                violations.get("whoUmc"),
                null,
                null,
                false);
    }

    static List<Choice> naranjo(MultivaluedMap<String, String> typed, Map<String, String> violations) {
        List<String> answers =
                Arrays.stream(NaranjoAnswer.values()).map(Enum::name).toList();
        return NARANJO.stream()
                .map(q -> new Choice(
                        "naranjo." + q[0],
                        "c-naranjo-" + q[0],
                        q[1],
                        answers,
                        value(typed, "naranjo." + q[0]),
                        violations.get("naranjo." + q[0]),
                        null,
                        null,
                        false))
                .toList();
    }

    /**
     * The RUCAM items of the API's preview: each with the case's answer and basis, and the answers a reviewer may
     * give on the case's scale (all of the item's when the scale is not known yet).
     */
    @SuppressWarnings("unchecked")
    static List<Choice> rucam(
            Map<String, Object> preview, MultivaluedMap<String, String> typed, Map<String, String> violations) {
        List<Choice> out = new ArrayList<>();
        if (preview == null || !(preview.get("items") instanceof List<?> items)) {
            return out;
        }
        RucamScale scale =
                preview.get("scale") == null ? null : RucamScale.valueOf(String.valueOf(preview.get("scale")));
        List<?> toAnswer = preview.get("itemsToAnswer") instanceof List<?> l ? l : List.of();
        for (Object o : items) {
            Map<String, Object> item = (Map<String, Object>) o;
            RucamItem code = RucamItem.valueOf(String.valueOf(item.get("item")));
            List<String> options = (scale == null
                            ? Arrays.stream(RucamAnswer.values())
                                    .filter(a -> a.item() == code)
                                    .toList()
                            : RucamAnswer.allowed(code, scale))
                    .stream().map(Enum::name).toList();
            String name = "rucam.answers." + code.name();
            String source = item.get("source") == null ? null : String.valueOf(item.get("source"));
            String caseAnswer = "CASE".equals(source) ? String.valueOf(item.get("answer")) : null;
            String basis = item.get("basis") == null ? null : String.valueOf(item.get("basis"));
            out.add(new Choice(
                    name,
                    "c-rucam-" + code.name(),
                    label(code.name()) + (caseAnswer == null ? "" : " (the case answers " + caseAnswer + ")"),
                    options,
                    value(typed, name),
                    violations.get(name),
                    source,
                    basis,
                    toAnswer.contains(code.name())));
        }
        return out;
    }

    /** The API's request from the posted form: Naranjo only when any question is answered, RUCAM answers given. */
    static Map<String, Object> request(int product, int reaction, MultivaluedMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productIndex", product);
        body.put("reactionIndex", reaction);
        if (value(form, "whoUmc") != null) {
            body.put("whoUmc", value(form, "whoUmc"));
        }
        Map<String, Object> naranjo = new LinkedHashMap<>();
        for (String[] q : NARANJO) {
            naranjo.put(q[0], value(form, "naranjo." + q[0]));
        }
        if (naranjo.values().stream().anyMatch(v -> v != null)) {
            body.put("naranjo", naranjo);
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        for (RucamItem item : RucamItem.values()) {
            String answer = value(form, "rucam.answers." + item.name());
            if (answer != null) {
                answers.put(item.name(), answer);
            }
        }
        if (!answers.isEmpty() || "true".equals(value(form, "rucamApplicable"))) {
            body.put("rucam", Map.of("answers", answers));
        }
        String comment = value(form, "comment");
        if (comment != null) {
            body.put("comment", comment);
        }
        return body;
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form == null ? null : form.getFirst(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** TIME_TO_ONSET as "Time to onset". */
    static String label(String code) {
        return code.charAt(0) + code.substring(1).toLowerCase().replace('_', ' ');
    }
}
