package io.presence.kafka;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every Kafka client of a process authenticates to the brokers: the Kafka client settings built from
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME}/{@code _PASSWORD} and
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION}/{@code _PASSWORD}. Nothing set means PLAINTEXT, as a local broker speaks.
 */
final class KafkaSecurity {
    static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    static final String USERNAME = "KAFKA_SASL_USERNAME";
    static final String PASSWORD = "KAFKA_SASL_PASSWORD";
    static final String TRUSTSTORE = "KAFKA_SSL_TRUSTSTORE_LOCATION";
    static final String TRUSTSTORE_PASSWORD = "KAFKA_SSL_TRUSTSTORE_PASSWORD";

    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private KafkaSecurity() {}

    /** The client settings; empty for PLAINTEXT. */
    static Map<String, String> fromEnv(Env env) {
        String protocol = env.string(PROTOCOL, "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new ConfigException(PROTOCOL, "'" + protocol + "' is not one of " + String.join(", ", PROTOCOLS));
        }
        Map<String, String> client = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return client;
        }
        client.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            client.putAll(sasl(env, protocol));
        }
        env.optional(TRUSTSTORE).ifPresent(path -> {
            client.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, path);
            client.put(
                    SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG,
                    env.required(TRUSTSTORE_PASSWORD, "the truststore at " + path + " needs its password"));
        });
        return client;
    }

    private static Map<String, String> sasl(Env env, String protocol) {
        String mechanism = env.required(MECHANISM, protocol + " needs one of " + LOGIN_MODULES.keySet());
        String module = LOGIN_MODULES.get(mechanism.toUpperCase(Locale.ROOT));
        if (module == null) {
            throw new ConfigException(MECHANISM, "'" + mechanism + "' is not one of " + LOGIN_MODULES.keySet());
        }
        String username = env.required(USERNAME, mechanism + " needs the user presence authenticates as");
        String password = env.required(PASSWORD, mechanism + " needs the password of " + username);
        return Map.of(
                SaslConfigs.SASL_MECHANISM,
                mechanism.toUpperCase(Locale.ROOT),
                SaslConfigs.SASL_JAAS_CONFIG,
                module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
    }

    /** JAAS values are double-quoted strings: a quote or backslash inside one is escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The settings with secrets replaced, for logs and {@code toString}. */
    static Map<String, String> redacted(Map<String, String> client) {
        Map<String, String> shown = new LinkedHashMap<>(client);
        shown.replaceAll((key, value) -> key.contains("password") || key.contains("jaas") ? "[hidden]" : value);
        return shown;
    }
}
