package io.presence.gateway;

import io.presence.auth.JwtSettings;
import io.presence.config.Env;
import io.presence.config.OfflineAfter;
import io.presence.kafka.KafkaSettings;
import java.time.Duration;

/**
 * Everything ingest-gateway is configured with, read and validated once at start-up.
 *
 * @param host         interface to listen on ({@code PRESENCE_GATEWAY_HOST}, default all)
 * @param port         {@code PRESENCE_GATEWAY_PORT}, default 8080
 * @param offlineAfter {@code PRESENCE_OFFLINE_AFTER}; clients are told to beat at half of it
 */
public record GatewayConfig(String host, int port, Duration offlineAfter, JwtSettings jwt, KafkaSettings kafka) {
    public static final String PORT = "PRESENCE_GATEWAY_PORT";

    public static GatewayConfig fromEnv(Env env) {
        return new GatewayConfig(
                env.host("PRESENCE_GATEWAY_HOST", "0.0.0.0"),
                env.port(PORT, 8080),
                OfflineAfter.fromEnv(env),
                JwtSettings.fromEnv(env),
                KafkaSettings.fromEnv(env));
    }
}
