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

/**
 * Kafka Streams' own topics are as durable as ours, it logs in to the brokers as the process does, and its stores stay
 * within the instance's memory budget.
 */
class StreamsSettingsTest {
    private static final Instance SELF = new Instance("10.0.0.7", 8081);

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,2"})
    void shouldNeedTwoCopiesForInternalTopicsOnceThereAreTwo(short replication, String minInSync) {
        try (StateMemory memory = new StateMemory(16 << 20)) {
            Properties props = StreamsSettings.forInstance(settings(replication, Map.of()), SELF, memory);

            assertThat(props.get("replication.factor")).isEqualTo((int) replication);
            assertThat(props.get("topic.min.insync.replicas")).isEqualTo(minInSync);
        }
    }

    @Test
    void shouldLogInLikeTheRestOfTheProcess() {
        Map<String, String> security = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512");

        try (StateMemory memory = new StateMemory(16 << 20)) {
            Properties props = StreamsSettings.forInstance(settings((short) 3, security), SELF, memory);

            assertThat(props).containsAllEntriesOf(security);
            assertThat(props.get("processing.guarantee")).isEqualTo("exactly_once_v2");
        }
    }

    @Test
    void shouldBoundEveryRocksDbStoreByTheInstanceBudget() {
        try (StateMemory memory = new StateMemory(16 << 20)) {
            Properties props = StreamsSettings.forInstance(settings((short) 3, Map.of()), SELF, memory);

            assertThat(props.get("rocksdb.config.setter")).isEqualTo(BoundedRocksDb.class);
            assertThat(props.get(StateMemory.CONFIG)).isSameAs(memory);
        }
    }

    @Test
    void shouldRollChangelogSegmentsSoThatTheCleanerCompactsThemWithinMinutes() {
        assertThat(StreamsSettings.base("broker:9092").get("topic.segment.ms")).isEqualTo("60000");
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
