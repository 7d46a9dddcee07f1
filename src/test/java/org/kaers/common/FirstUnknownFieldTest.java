package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record fails at its first unknown field, as it is read, with the exception Jackson throws after the last. */
class FirstUnknownFieldTest {

    record Inner(String code) {}

    record Outer(String name, Inner inner, List<Inner> items) {
        @JsonIgnore
        public String getLabel() {
            return "label of " + name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Lenient(String name) {}

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new JsonConfig().customize(mapper);
        return mapper;
    }

    private static String manyUnknownKeys(String end) {
        StringBuilder body = new StringBuilder("{\"name\": \"n\"");
        for (int i = 0; i < 10_000; i++) { // 70,000 tokens: within JsonConfig's limit
            body.append(", \"k").append(i).append("\": [1, {\"x\": 2}]");
        }
        return body.append(end).append('}').toString();
    }

    @Test
    void theFirstUnknownFieldFailsAsItIsRead() {
        String body = manyUnknownKeys("");
        assertThatThrownBy(() -> strict().readValue(body, Outer.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("k0");
                    assertThat(e.getPath()).extracting(r -> r.getFieldName()).containsExactly("k0");
                    assertThat(e.getKnownPropertyIds()).containsExactlyInAnyOrder("name", "inner", "items");
                    // read up to the first unknown name, not to the end of the 300 kB body
                    assertThat(e.getLocation().getCharOffset()).isLessThan(40);
                });
    }

    @Test
    void nestedRecordsNameTheirPath() {
        assertThatThrownBy(() -> strict().readValue(
                                "{\"name\": \"n\", \"items\": [{\"code\": \"a\"}, {\"code\": \"b\", \"brand\": 1}]}",
                                Outer.class))
                .isInstanceOfSatisfying(
                        UnrecognizedPropertyException.class,
                        e -> assertThat(e.getPath())
                                .extracting(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                                .containsExactly("items", "[1]", "brand"));
    }

    @Test
    void knownFieldsNestedNamesAndIgnoredFieldsAreRead() throws Exception {
        Outer read = strict().readValue(
                        "{\"inner\": {\"code\": \"c\"}, \"label\": 1, \"items\": [{\"code\": \"d\"}], \"name\": \"n\"}",
                        Outer.class);
        assertThat(read).isEqualTo(new Outer("n", new Inner("c"), List.of(new Inner("d"))));
    }

    @Test
    void beansThatIgnoreUnknownFieldsAndLenientMappersStillDo() throws Exception {
        String body = manyUnknownKeys(", \"inner\": {\"code\": \"c\", \"extra\": 1}");
        assertThat(strict().readValue(body, Lenient.class)).isEqualTo(new Lenient("n"));
        ObjectMapper lenient = strict().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertThat(lenient.readValue(body, Outer.class)).isEqualTo(new Outer("n", new Inner("c"), null));
    }
}
