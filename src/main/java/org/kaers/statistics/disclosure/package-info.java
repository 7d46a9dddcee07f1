/** Disclosure control of every number a researcher receives: the cell key method, its table and its registry. */
package org.kaers.statistics.disclosure;
