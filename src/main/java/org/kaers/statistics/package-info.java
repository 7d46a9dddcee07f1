/** The researcher read side: case counts by dimension with filters, the counting rule and small-cell protection. */
package org.kaers.statistics;
