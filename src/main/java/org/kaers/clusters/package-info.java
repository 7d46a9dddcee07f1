/** Clusters: serious cases sharing a lot or a vendor within a window, and products whose weekly count exceeds its historical limits. */
package org.kaers.clusters;
