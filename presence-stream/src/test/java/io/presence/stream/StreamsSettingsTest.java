package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.user.PresenceRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kafka Streams' own topics are as durable as ours, and it logs in to the brokers as the process does. */
class StreamsSettingsTest {
    private static final Instance SELF = new Instance("10.0.0.7", 8081);

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,2"})
    void shouldNeedTwoCopiesForInternalTopicsOnceThereAreTwo(short replication, String minInSync) {
        Properties props = StreamsSettings.forInstance(settings(replication, Map.of()), SELF);

        assertThat(props.get("replication.factor")).isEqualTo((int) replication);
        assertThat(props.get("topic.min.insync.replicas")).isEqualTo(minInSync);
    }

    @Test
    void shouldLogInLikeTheRestOfTheProcess() {
        Map<String, String> security = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512");

        Properties props = StreamsSettings.forInstance(settings((short) 3, security), SELF);

        assertThat(props).containsAllEntriesOf(security);
        assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
    }

    private static EngineSettings settings(short replication, Map<String, String> security) {
        return new EngineSettings(
                "broker:9092",
                Path.of("/tmp/unused"),
                replication,
                1,
                new PresenceRule(Duration.ofSeconds(10)),
                security);
    }
}
