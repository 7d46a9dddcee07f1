package org.kaers.statistics.model;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The EntityManager of the statistics read side: the primary's, except in a transaction whose read
 * {@code ReadSnapshot} routed to the streaming replica, where it is a session on the replica's connection
 * ({@code ReadRouting}). Safe for writes: a write runs in a transaction no read routed, so on the primary.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface ReadSide {}
