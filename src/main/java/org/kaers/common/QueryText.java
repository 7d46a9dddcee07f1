package org.kaers.common;

/**
 * The rules of a bound text query parameter: stripped when it is bound ({@link TextConverter}), then
 * {@code @Pattern(regexp = NOT_BLANK, message = "must not be blank")} and {@code @Size(max = ..., message = "must be
 * at most ... characters")}.
 */
public final class QueryText {

    /** Holds a character that is not white space (documented as such in the OpenAPI document, so ECMA-portable). */
    public static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

    private QueryText() {}
}
