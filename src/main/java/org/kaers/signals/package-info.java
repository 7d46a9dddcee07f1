/** Signal detection: disproportionality (PRR, ROR, IC, EBGM) over the statistics counts. */
package org.kaers.signals;
