package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import io.presence.kafka.TopicProvisioner;
import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heartbeats topic created before presence ran on the broker's clock (CreateTime, as an older release or a dev
 * install made it) is switched to LogAppendTime at start-up. Runs its own broker: the shared one's topics already
 * exist.
 */
class TopicUpgradeIT {
    @Test
    void shouldSwitchAnExistingHeartbeatsTopicToTheBrokersClock(@TempDir Path dir) throws Exception {
        try (LocalKafkaCluster kafka = LocalKafkaCluster.startSingleNode(
                        dir, FreePorts.find(), FreePorts.find(), Duration.ofSeconds(90));
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.HEARTBEATS, 2, (short) 1)
                            .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            new TopicProvisioner(new KafkaSettings(
                            kafka.bootstrapServers(), 2, (short) 1, Duration.ofDays(1), Duration.ofDays(1)))
                    .ensureTopics(Duration.ofSeconds(30));

            assertThat(timestampType(admin, Topics.HEARTBEATS)).isEqualTo("LogAppendTime");
            assertThat(timestampType(admin, Topics.CHANGES))
                    .as("changes keep the topology's own times")
                    .isEqualTo("CreateTime");
        }
    }

    private static String timestampType(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)
                .value();
    }
}
