package org.kaers.report;

import java.util.Map;
import org.kaers.common.ApiProblem;
import org.kaers.common.ProblemType;

/**
 * ETags of a case are its version number in quotes ({@code "3"}). If-Match is compared strongly
 * (RFC 9110): weak tags never match. {@code *} is refused: a follow-up must name the version it builds on.
 */
final class EntityTags {

    private EntityTags() {}

    static String of(int version) {
        return "\"" + version + "\"";
    }

    static void requirePresent(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(
                    ProblemType.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the version you last read, e.g. If-Match: \"1\"");
        }
        if (ifMatch.strip().equals("*")) {
            throw new ApiProblem(
                    ProblemType.PRECONDITION_REQUIRED,
                    "If-Match: * is not accepted; send the ETag of the version you last read, e.g. If-Match: \"1\"");
        }
    }

    static void requireMatch(String ifMatch, int currentVersion) {
        String current = of(currentVersion);
        for (String tag : ifMatch.split(",")) {
            if (tag.strip().equals(current)) {
                return;
            }
        }
        throw new ApiProblem(
                ProblemType.PRECONDITION_FAILED,
                "the case has changed: its current version is " + currentVersion + "; read it and try again",
                java.util.List.of(),
                Map.of("ETag", current));
    }
}
