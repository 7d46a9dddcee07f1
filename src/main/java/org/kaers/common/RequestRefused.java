package org.kaers.common;

/**
 * A request refused at the router, before it reached a resource (a non-canonical path, a body over its limit,
 * too many requests, a refused token...). Fired as a CDI event by {@link Refusals}; the audit log records it.
 *
 * @param actor the verified principal when the refusal came after the token was verified, else null
 */
public record RequestRefused(String method, String path, int status, String client, String actor, String roles) {}
