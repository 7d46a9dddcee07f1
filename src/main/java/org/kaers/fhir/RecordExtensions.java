package org.kaers.fhir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * A block of the case that FHIR R4 has no resource for (the poison-centre exposure and care) as one complex
 * extension: one sub-extension per field, named by the field (text and codes as valueString, whole numbers as
 * valueInteger, decimals as valueDecimal, yes/no as valueBoolean, nested objects as nested extensions, a list as
 * the sub-extension repeated). Read back through the API's own record, so its field names and rules apply.
 */
final class RecordExtensions {

    private final ObjectMapper json;

    RecordExtensions(ObjectMapper json) {
        this.json = json.copy().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    /** The record as a complex extension with this URL; null for a null record. */
    Extension write(String url, Object record) {
        if (record == null) {
            return null;
        }
        Extension out = new Extension(url);
        fill(out, json.valueToTree(record));
        return out;
    }

    private static void fill(Extension parent, JsonNode object) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isArray()) {
                v.forEach(element -> add(parent, field.getKey(), element));
            } else {
                add(parent, field.getKey(), v);
            }
        }
    }

    private static void add(Extension parent, String name, JsonNode v) {
        if (v == null || v.isNull()) {
            return;
        }
        Extension sub = new Extension(name);
        if (v.isObject()) {
            fill(sub, v);
        } else {
            sub.setValue(value(v));
        }
        parent.addExtension(sub);
    }

    private static Type value(JsonNode v) {
        if (v.isBoolean()) {
            return new BooleanType(v.booleanValue());
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return new IntegerType(v.intValue());
        }
        if (v.isNumber()) {
            return new DecimalType(v.decimalValue());
        }
        return new StringType(v.asText());
    }

    /** The record of this type the extension holds; a field it does not have is a {@link ReadProblem}. */
    <T> T read(Extension extension, Class<T> type, String where) {
        try {
            return json.treeToValue(tree(extension, where), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new ReadProblem(
                    where,
                    "is not a valid " + type.getSimpleName() + ": "
                            + (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
                                    ? "unknown sub-extension " + u.getPropertyName()
                                    : "a sub-extension has a value of the wrong type"));
        }
    }

    private static ObjectNode tree(Extension extension, String where) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Extension sub : extension.getExtension()) {
            String name = sub.getUrl();
            JsonNode v = sub.hasExtension() ? tree(sub, where + ".extension[" + name + "]") : node(sub.getValue());
            JsonNode present = out.get(name);
            if (present == null) {
                out.set(name, v);
            } else if (present.isArray()) {
                ((ArrayNode) present).add(v);
            } else {
                out.putArray(name).add(present).add(v);
            }
        }
        return out;
    }

    private static JsonNode node(Type value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof BooleanType b) {
            return f.booleanNode(b.booleanValue());
        }
        if (value instanceof IntegerType i) {
            return f.numberNode(i.getValue());
        }
        if (value instanceof DecimalType d) {
            BigDecimal decimal = d.getValue();
            return f.numberNode(decimal);
        }
        return f.textNode(value.primitiveValue());
    }
}
