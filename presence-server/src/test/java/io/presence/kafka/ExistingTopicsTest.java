package io.presence.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import io.presence.event.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Each setting of an existing topic that would weaken a guarantee stops start-up with a line naming it. */
class ExistingTopicsTest {
    private static final KafkaSettings SETTINGS = KafkaSettings.fromEnv(Env.of(Map.of()));
    private static final NewTopic CHANGES = new TopicProvisioner(SETTINGS)
            .wanted().stream()
                    .filter(t -> t.name().equals(Topics.CHANGES))
                    .findFirst()
                    .orElseThrow();

    @Test
    void shouldAcceptATopicAsPresenceWouldCreateIt() {
        assertThatCode(() -> ExistingTopics.check(CHANGES, described(12, 3), config(Map.of())))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptMoreCopiesAndAStricterAcknowledgement() {
        assertThatCode(() -> ExistingTopics.check(
                        CHANGES, described(12, 5), config(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "3"))))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseOtherPartitionsNamingTheVariableToSet() {
        assertThatThrownBy(() -> ExistingTopics.check(CHANGES, described(24, 3), config(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PRESENCE_PARTITIONS: topic presence.changes has 24 partitions, not 12;"
                        + " set PRESENCE_PARTITIONS=24 to use it as it is");
    }

    @Test
    void shouldRefuseFewerCopies() {
        assertThatThrownBy(() -> ExistingTopics.check(CHANGES, described(12, 1), config(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "PRESENCE_REPLICATION: topic presence.changes keeps 1 copy of partition 0," + " fewer than 3");
    }

    @Test
    void shouldRefuseAnAcknowledgementByOneCopy() {
        assertThatThrownBy(() -> ExistingTopics.check(
                        CHANGES, described(12, 3), config(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topic presence.changes: min.insync.replicas is 1, presence needs at least 2");
    }

    @Test
    void shouldRefuseCompaction() {
        assertThatThrownBy(() -> ExistingTopics.check(
                        CHANGES,
                        described(12, 3),
                        config(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topic presence.changes: cleanup.policy is compact, presence needs delete");
    }

    @Test
    void shouldRefuseTheWrongClock() {
        assertThatThrownBy(() -> ExistingTopics.check(
                        CHANGES,
                        described(12, 3),
                        config(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "topic presence.changes: message.timestamp.type is LogAppendTime, presence needs CreateTime");
    }

    private static TopicDescription described(int partitions, int replicas) {
        List<Node> nodes = IntStream.range(0, replicas)
                .mapToObj(i -> new Node(i, "broker" + i, 9092))
                .toList();
        List<TopicPartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new TopicPartitionInfo(p, nodes.get(0), nodes, nodes));
        }
        return new TopicDescription(Topics.CHANGES, false, infos);
    }

    /** The wanted topic's settings, with {@code overrides}. */
    private static Config config(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(CHANGES.configs());
        values.putAll(overrides);
        return new Config(values.entrySet().stream()
                .map(e -> new ConfigEntry(e.getKey(), e.getValue()))
                .toList());
    }
}
