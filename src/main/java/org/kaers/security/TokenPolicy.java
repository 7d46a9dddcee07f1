package org.kaers.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a bearer token must be to be accepted (README, "Security"), decided in one place, before routing: the
 * signature, issuer and audience (SmallRye JWT, with {@code mp.jwt.verify.*} taken from these settings), a lifetime
 * ({@code exp - iat}) of at most {@code max-lifetime}, an {@code iat} not in the future (beyond the clock skew), a
 * non-blank principal ({@code upn}, {@code preferred_username} or {@code sub}, each non-blank where present), and
 * {@code groups} only as a JSON array of known role names.
 */
@ApplicationScoped
public class TokenPolicy {

    /** Settings of the token policy. */
    @ConfigMapping(prefix = "kaers.token")
    public interface Config {
        /** The audience ({@code aud}) every token must name. */
        String audience();

        /** Longest accepted lifetime, exp - iat. */
        @WithDefault("12h")
        Duration maxLifetime();

        /** Tolerated clock difference to the issuer, in seconds (also SmallRye's, for exp). */
        @WithDefault("60")
        int clockSkewSeconds();

        /** Whether verified tokens' identities are kept until they expire (VerifiedIdentities). */
        @WithDefault("true")
        boolean cacheIdentities();
    }

    /** The compact JWS form: three base64url parts, no padding. */
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private static final Set<String> ROLES = Set.of(Roles.REPORTER, Roles.REVIEWER, Roles.RESEARCHER, Roles.ADMIN);

    /** A verified token (as sent, without its scheme): who, with which roles, until when. */
    record Verified(String token, String principal, String roles, Instant expires) {}

    /** A token that is not accepted, and why (for the log, never the client: that gets one generic answer). */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final Config config;
    private final JWTParser parser;
    private final ObjectMapper json;

    TokenPolicy(Config config, JWTParser parser, ObjectMapper json) {
        this.config = config;
        this.parser = parser;
        this.json = json;
    }

    /** The token of an Authorization header: scheme Bearer in any case, one compact JWS. */
    static String bearerToken(String authorization) throws Refused {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new Refused("not a Bearer credential");
        }
        String token = value.substring(space + 1).strip();
        if (!COMPACT.matcher(token).matches()) {
            throw new Refused("not a compact JWS without padding");
        }
        return token;
    }

    /** Verifies the token and applies the policy. */
    Verified verify(String token) throws Refused {
        JsonWebToken jwt;
        JsonNode claims;
        try {
            jwt = parser.parse(token);
            claims = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (Exception e) { // ParseException, and whatever a hostile claim set makes the parser throw
            throw new Refused("not verified: " + e.getClass().getSimpleName());
        }
        if (claims == null || !claims.isObject()) {
            throw new Refused("claims are not an object");
        }
        if (jwt.getAudience() == null || !jwt.getAudience().contains(config.audience())) {
            throw new Refused("audience");
        }
        JsonNode iat = claims.get("iat");
        JsonNode exp = claims.get("exp");
        if (iat == null || !iat.canConvertToLong() || exp == null || !exp.canConvertToLong()) {
            throw new Refused("iat and exp are required numbers");
        }
        Instant now = Instant.now();
        Instant issued = Instant.ofEpochSecond(iat.asLong());
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        Duration skew = Duration.ofSeconds(config.clockSkewSeconds());
        if (issued.isAfter(now.plus(skew))) {
            throw new Refused("issued in the future");
        }
        if (Duration.between(issued, expires).compareTo(config.maxLifetime()) > 0) {
            throw new Refused("lifetime over the maximum");
        }
        if (expires.plus(skew).isBefore(now)) {
            throw new Refused("expired");
        }
        for (String name : new String[] {"upn", "preferred_username", "sub"}) {
            JsonNode claim = claims.get(name);
            if (claim != null && (!claim.isTextual() || claim.asText().isBlank())) {
                throw new Refused(name + " is blank or not a string");
            }
        }
        String principal = jwt.getName();
        if (principal == null || principal.isBlank()) {
            throw new Refused("no principal");
        }
        JsonNode groups = claims.get("groups");
        TreeSet<String> roles = new TreeSet<>();
        if (groups != null) {
            if (!groups.isArray()) {
                throw new Refused("groups is not an array");
            }
            for (JsonNode group : groups) {
                if (!group.isTextual() || !ROLES.contains(group.asText())) {
                    throw new Refused("groups holds something that is not a known role");
                }
                roles.add(group.asText());
            }
        }
        return new Verified(token, principal, String.join(",", roles), expires.plus(skew));
    }
}
