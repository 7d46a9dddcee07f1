/** HL7 FHIR R4: a case exported as a Bundle (AdverseEvent and its resources), and a Bundle imported as a submission. */
package org.kaers.fhir;
