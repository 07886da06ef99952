package io.presence.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SASL and TLS settings for every Kafka client, from the environment, with secrets kept out of logs. */
class KafkaSecurityTest {
    @Test
    void shouldSpeakPlaintextWhenNothingIsSet() {
        assertThat(KafkaSettings.fromEnv(Env.of(Map.of())).clientSecurity()).isEmpty();
    }

    @Test
    void shouldLogInWithScram() {
        KafkaSettings settings = KafkaSettings.fromEnv(Env.of(Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "presence",
                "KAFKA_SASL_PASSWORD", "pa\"ss",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/presence/truststore.p12",
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit")));

        assertThat(settings.clientConfig("test"))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"presence\""
                                + " password=\"pa\\\"ss\";")
                .containsEntry("ssl.truststore.location", "/etc/presence/truststore.p12")
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("client.id", "test");
        assertThat(settings.toString()).doesNotContain("pa\"ss").doesNotContain("changeit");
    }

    @Test
    void shouldLogInWithPlain() {
        Map<String, String> client = KafkaSettings.fromEnv(Env.of(Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "sasl_plaintext",
                        "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_USERNAME", "presence",
                        "KAFKA_SASL_PASSWORD", "secret")))
                .clientSecurity();

        assertThat(client.get("sasl.jaas.config"))
                .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule");
        assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT");
    }

    @Test
    void shouldNameWhatIsMissing() {
        assertThatThrownBy(() -> KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM: is not set");
        assertThatThrownBy(() -> KafkaSettings.fromEnv(
                        Env.of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "GSSAPI"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_SASL_MECHANISM: 'GSSAPI' is not one of");
        assertThatThrownBy(() -> KafkaSettings.fromEnv(Env.of(Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                        "KAFKA_SASL_USERNAME", "presence"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_SASL_PASSWORD: is not set");
        assertThatThrownBy(() -> KafkaSettings.fromEnv(Env.of(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("KAFKA_SECURITY_PROTOCOL: 'TLS' is not one of");
    }
}
