package org.kaers.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * The FHIR R4 context (built once: it scans the model and is expensive), the media type, and the URLs of the
 * extensions and code systems KAERS defines for what FHIR R4 has no element for.
 */
final class Fhir {

    static final String MEDIA_TYPE = "application/fhir+json";
    /** Base of the canonical URLs of KAERS's own extensions and code systems (stable, not deployment-specific). */
    static final String BASE = "https://kaers.org/fhir";

    static final String EXT = BASE + "/StructureDefinition/";
    static final String CS = BASE + "/CodeSystem/";
    static final String CASE_NUMBER_SYSTEM = BASE + "/case-number";
    static final String CASE_VERSION_SYSTEM = BASE + "/case-version";
    /**
     * The AdverseEvent's status (R4 has no such element; R5's AdverseEvent.status has the same codes). The official
     * cross-version URL (http://hl7.org/fhir/5.0/StructureDefinition/extension-AdverseEvent.status) is refused by
     * HAPI's R4 validator without the cross-version package, so the status travels in an extension of ours.
     */
    static final String R5_STATUS = EXT + "adverse-event-status";

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {}

    static FhirContext context() {
        return CONTEXT;
    }

    /** A JSON parser that refuses unknown elements and invalid values (a new one per use: parsers are not thread-safe). */
    static IParser strictParser() {
        return CONTEXT.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }

    static IParser writer() {
        return CONTEXT.newJsonParser().setPrettyPrint(false);
    }

    /** The URL of one of KAERS's extensions. */
    static String ext(String name) {
        return EXT + name;
    }

    /** The URL of the code system of one of KAERS's enumerations (named by its class). */
    static String cs(Class<? extends Enum<?>> type) {
        return CS + kebab(type.getSimpleName());
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
