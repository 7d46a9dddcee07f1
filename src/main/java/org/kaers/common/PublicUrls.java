package org.kaers.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The URLs the service hands out (Location, links), built from {@code kaers.http.public-base-url}, never from the
 * request's Host header (which the client chooses). Without a configured base they are relative references to the
 * service root ({@code /api/v1/...}), which RFC 9110 allows in Location.
 */
@ApplicationScoped
public class PublicUrls {

    private final String base;

    PublicUrls(@ConfigProperty(name = "kaers.http.public-base-url") Optional<URI> base) {
        String configured = base.map(URI::toString).orElse("");
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    /** The public URL of a path of the service (starting with /); its segments must already be URL-safe. */
    public String of(String path) {
        return base + path;
    }
}
