/** Causality: a reviewer's assessment of a suspect product x reaction (WHO-UMC, Naranjo, RUCAM 2016), kept as append-only history. */
package org.kaers.causality;
