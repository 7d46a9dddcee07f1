package org.kaers.report.model;

import org.kaers.common.ApiProblem;
import org.kaers.common.Violation;
import org.kaers.report.VersionType;

/** Parsing of the version path parameter and the follow-up type, with 4xx answers instead of 404/500. */
public final class VersionNumbers {

    private VersionNumbers() {}

    public static int parse(String version) {
        try {
            int n = Integer.parseInt(version);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiProblem.invalid(new Violation("version", "path", "must be a whole number from 1"));
    }

    public static VersionType followUpType(String type) {
        if (type == null || type.equals("FOLLOW_UP")) {
            return VersionType.FOLLOW_UP;
        }
        if (type.equals("AMENDMENT")) {
            return VersionType.AMENDMENT;
        }
        throw ApiProblem.invalid(Violation.query("type", "not one of the allowed values: FOLLOW_UP, AMENDMENT"));
    }
}
