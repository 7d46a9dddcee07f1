package org.kaers.common;

/** A validated 0-based page request: size 1..100 (default 20). */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public int offset() {
        return Math.multiplyExact(page, size);
    }
}
