package org.kaers.clusters;

/** Where a stored cluster alert stands: raised, seen and being followed, or closed as not a real cluster. */
enum AlertStatus {
    OPEN,
    ACKNOWLEDGED,
    DISMISSED
}
