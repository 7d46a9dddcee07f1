/** Vocabulary's published types: what other features may use of it (product forms, the counted-cases contract). */
package org.kaers.vocabulary.model;
