/** What duplicates publishes to the other features: the types they may use of it (ArchitectureTest). */
package org.kaers.duplicates.model;
