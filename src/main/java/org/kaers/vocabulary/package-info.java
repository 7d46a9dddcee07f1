/** Symptom terms, products and substances, and the automatic and manual coding of what reporters write. */
package org.kaers.vocabulary;
