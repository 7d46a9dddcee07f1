package org.kaers.statistics.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which database answered a read, and the streaming replica's state then (README, "Deployment"). */
@Schema(name = "ReadSource", description = "Which database answered (operational: null for researchers).")
public record ReadSource(
        @Schema(description = "PRIMARY or REPLICA.", examples = "REPLICA")
        String server,

        @Schema(
                description =
                        "The replica's state when the read began: NONE (none configured), IN_USE, BEHIND (lag over "
                                + "kaers.replica.max-lag: the primary answered), UNREACHABLE (the primary answered), or NOT_ROUTED (this "
                                + "request kind is always read from the primary).",
                examples = "IN_USE")
        String replica,

        @Schema(
                description = "The replica's lag behind the primary in seconds, as last measured (null when unknown).",
                examples = "0.0")
        Double replicaLagSeconds) {

    /** Answered by the primary, no replica in question (reads outside a routed request). */
    public static final ReadSource PRIMARY = new ReadSource("PRIMARY", "NOT_ROUTED", null);
}
