package org.kaers.common;

/**
 * What a canonical request path is: the one spelling of a path that the service serves. Everything else that a
 * router or JAX-RS might still map to a resource (a trailing slash, {@code ;matrix}, {@code //}, {@code /./},
 * {@code /../}, {@code \}, or a percent-encoded character that never needs encoding) is refused.
 */
final class CanonicalPath {

    private static final String NEVER_ENCODED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/\\;%";

    private CanonicalPath() {}

    /** Why the raw path is not canonical, or null when it is. */
    static String problem(String raw) {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return "must start with /";
        }
        if (raw.indexOf(';') >= 0) {
            return "must not carry matrix parameters (;)";
        }
        if (raw.indexOf('\\') >= 0) {
            return "must not contain a backslash";
        }
        if (raw.contains("//")) {
            return "must not contain an empty segment (//)";
        }
        for (int i = 0; i + 2 < raw.length(); i++) {
            if (raw.charAt(i) == '%') {
                int value = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
                if (value >= 0 && value < 128 && NEVER_ENCODED.indexOf(value) >= 0) {
                    return "must not percent-encode a character that needs no encoding (such as %2F or %2E)";
                }
            }
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain a dot segment (/./ or /../)";
            }
        }
        if (raw.length() > 1 && raw.endsWith("/") && raw.startsWith("/api/")) {
            return "must not end with /";
        }
        return null;
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -10_000 : digit;
    }
}
