/** Importers of public adverse-event data (FDA CAERS first) that feed the same rules as the intake API. */
package org.kaers.imports;
