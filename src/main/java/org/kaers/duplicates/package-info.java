/** Duplicates: a Fellegi-Sunter record-linkage score of each new case against blocked candidates, and the reviewers' queue. */
package org.kaers.duplicates;
