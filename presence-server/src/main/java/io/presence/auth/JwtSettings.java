package io.presence.auth;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How tokens are signed and checked: an HS256 key of at least 32 bytes, and optionally an exact issuer and audience.
 *
 * @param secret   the UTF-8 bytes of {@code PRESENCE_JWT_SECRET}
 * @param issuer   {@code PRESENCE_JWT_ISSUER}; when present, tokens must carry exactly this {@code iss}
 * @param audience {@code PRESENCE_JWT_AUDIENCE}; when present, tokens must carry exactly this {@code aud}
 */
public record JwtSettings(byte[] secret, Optional<String> issuer, Optional<String> audience) {
    public static final String SECRET = "PRESENCE_JWT_SECRET";
    public static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new ConfigException(
                    SECRET,
                    "is " + secret.length + " bytes; an HS256 key needs at least " + MIN_SECRET_BYTES
                            + " (e.g. openssl rand -base64 48)");
        }
        secret = secret.clone();
    }

    public static JwtSettings fromEnv(Env env) {
        String secret = env.required(
                SECRET,
                "set it to an HS256 key of at least " + MIN_SECRET_BYTES
                        + " bytes (e.g. openssl rand -base64 48); the processes refuse to start without one");
        return new JwtSettings(
                secret.getBytes(StandardCharsets.UTF_8),
                env.optional("PRESENCE_JWT_ISSUER"),
                env.optional("PRESENCE_JWT_AUDIENCE"));
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "JwtSettings[secret=<" + secret.length + " bytes>, issuer=" + issuer + ", audience=" + audience + "]";
    }
}
