package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.presence.config.ConfigException;
import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import io.presence.kafka.TopicProvisioner;
import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics that exist before presence starts, on a broker of its own (the shared one's topics are already right): an
 * older release's heartbeats topic is moved to the broker's clock, anything else that would weaken a guarantee stops
 * start-up with one line, and a cluster too small for the default of three copies is refused.
 */
class TopicChecksIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static LocalKafkaCluster kafka;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kafka = LocalKafkaCluster.startSingleNode(dir, FreePorts.find(), FreePorts.find(), Duration.ofSeconds(90));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @AfterEach
    void deleteTopics() throws Exception {
        Set<String> ours = Set.of(Topics.HEARTBEATS, Topics.CHANGES);
        List<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(ours::contains)
                .toList();
        admin.deleteTopics(existing).all().get(30, TimeUnit.SECONDS);
        await("topics deleted")
                .atMost(Duration.ofSeconds(30))
                .until(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .noneMatch(ours::contains));
    }

    @Test
    void shouldSwitchAnExistingHeartbeatsTopicToTheBrokersClock() throws Exception {
        create(new NewTopic(Topics.HEARTBEATS, 2, (short) 1)
                .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime")));

        provisioner(2, 1).ensureTopics(TIMEOUT);

        assertThat(config(Topics.HEARTBEATS, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))
                .isEqualTo("LogAppendTime");
        assertThat(config(Topics.CHANGES, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))
                .as("changes keep the topology's own times")
                .isEqualTo("CreateTime");
    }

    @Test
    void shouldRefuseAnExistingTopicWithOtherPartitions() throws Exception {
        create(new NewTopic(Topics.CHANGES, 4, (short) 1));

        assertThatThrownBy(() -> provisioner(2, 1).ensureTopics(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PRESENCE_PARTITIONS: topic presence.changes has 4 partitions, not 2;"
                        + " set PRESENCE_PARTITIONS=4 to use it as it is");
    }

    @Test
    void shouldRefuseAnExistingCompactedTopic() throws Exception {
        create(new NewTopic(Topics.CHANGES, 2, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));

        assertThatThrownBy(() -> provisioner(2, 1).ensureTopics(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("topic presence.changes: cleanup.policy is compact, presence needs delete");
    }

    @Test
    void shouldRefuseThreeCopiesOnOneBrokerNamingTheVariable() throws Exception {
        assertThatThrownBy(
                        () -> provisioner(2, KafkaSettings.DURABLE_REPLICATION).ensureTopics(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PRESENCE_REPLICATION: 3 copies of each record need 3 brokers, and the"
                        + " cluster at " + kafka.bootstrapServers() + " has 1");
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                .as("nothing is created for a refused start")
                .doesNotContain(Topics.HEARTBEATS, Topics.CHANGES);
    }

    private static TopicProvisioner provisioner(int partitions, int replication) {
        return new TopicProvisioner(new KafkaSettings(
                kafka.bootstrapServers(), partitions, (short) replication, Duration.ofDays(1), Duration.ofDays(1)));
    }

    private static void create(NewTopic topic) throws Exception {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }

    private static String config(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get(name)
                .value();
    }
}
