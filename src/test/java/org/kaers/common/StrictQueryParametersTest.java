package org.kaers.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which query parameters a resource method takes, and which methods are exempt. */
class StrictQueryParametersTest {

    static class Plain {
        public void none() {}

        public void some(
                @QueryParam("q") String q, @BeanParam PageParams page, @QueryParam("role") List<String> roles) {}

        @StrictQueryParameters.Lenient
        public void lenient(@QueryParam("q") String q) {}
    }

    @StrictQueryParameters.Lenient
    static class LenientClass {
        public void any(@QueryParam("q") String q) {}
    }

    private static StrictQueryParameters.Contract contract(Class<?> type, String name) {
        for (var m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return StrictQueryParameters.contract(m, type);
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void aMethodTakesWhatItDeclaresAndACollectionMayRepeat() {
        assertThat(contract(Plain.class, "none").allowed()).isEmpty();
        assertThat(contract(Plain.class, "none")).isNotSameAs(StrictQueryParameters.Contract.LENIENT);
        assertThat(contract(Plain.class, "some").allowed()).containsExactly("page", "q", "role", "size");
        assertThat(contract(Plain.class, "some").repeatable()).containsExactly("role");
    }

    @Test
    void lenientMethodsAndClassesAreExempt() {
        assertThat(contract(Plain.class, "lenient")).isSameAs(StrictQueryParameters.Contract.LENIENT);
        assertThat(contract(LenientClass.class, "any")).isSameAs(StrictQueryParameters.Contract.LENIENT);
    }
}
