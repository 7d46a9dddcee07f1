package org.kaers.fhir;

/** A Bundle that cannot be read as a case: which FHIR element ({@code element}, a FHIRPath) and what is wrong. */
final class ReadProblem extends RuntimeException {

    private final String element;

    ReadProblem(String element, String message) {
        super(message, null, false, false);
        this.element = element;
    }

    String element() {
        return element;
    }
}
