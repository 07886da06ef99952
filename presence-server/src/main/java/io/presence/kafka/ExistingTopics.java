package io.presence.kafka;

import io.presence.config.ConfigException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks topics that exist already — made by hand, by another tool or by an older release — against what presence
 * would have created. A topic that would silently weaken a guarantee (fewer copies, acknowledgement by one copy,
 * compaction that drops history, the wrong clock) stops start-up with one line naming the topic and the setting.
 */
final class ExistingTopics {
    private static final long RETRY_AFTER_MS = 200;

    private final Admin admin;
    private final Duration timeout;

    ExistingTopics(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Throws {@link ConfigException} for the first setting of a wanted topic that does not hold. */
    void check(Collection<NewTopic> wanted) throws InterruptedException, ExecutionException, TimeoutException {
        if (wanted.isEmpty()) {
            return;
        }
        List<String> names = wanted.stream().map(NewTopic::name).toList();
        Map<String, TopicDescription> described = describe(names);
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (NewTopic topic : wanted) {
            check(
                    topic,
                    described.get(topic.name()),
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())));
        }
    }

    /**
     * A topic another process created a moment ago is listed before every broker knows it: asking again shortly is
     * enough, within the timeout.
     */
    private Map<String, TopicDescription> describe(List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long giveUpAt = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > giveUpAt) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_AFTER_MS);
            }
        }
    }

    /** Throws {@link ConfigException} for the first setting of {@code actual} that is not as {@code wanted}. */
    static void check(NewTopic wanted, TopicDescription actual, Config config) {
        checkPartitions(wanted, actual);
        checkReplication(wanted, actual);
        checkConfig(wanted, config);
    }

    private static void checkPartitions(NewTopic wanted, TopicDescription actual) {
        int partitions = actual.partitions().size();
        if (partitions != wanted.numPartitions()) {
            throw new ConfigException(
                    "PRESENCE_PARTITIONS",
                    "topic " + wanted.name() + " has " + partitions + " partitions, not " + wanted.numPartitions()
                            + "; set PRESENCE_PARTITIONS=" + partitions + " to use it as it is");
        }
    }

    private static void checkReplication(NewTopic wanted, TopicDescription actual) {
        int fewest = actual.partitions().stream()
                .mapToInt(p -> p.replicas().size())
                .min()
                .orElse(0);
        if (fewest < wanted.replicationFactor()) {
            TopicPartitionInfo thinnest = actual.partitions().stream()
                    .filter(p -> p.replicas().size() == fewest)
                    .findFirst()
                    .orElseThrow();
            throw new ConfigException(
                    KafkaSettings.REPLICATION,
                    "topic " + wanted.name() + " keeps " + KafkaSettings.copies(fewest)
                            + " of partition " + thinnest.partition() + ", fewer than " + wanted.replicationFactor()
                            + "; add replicas with kafka-reassign-partitions, or set " + KafkaSettings.REPLICATION
                            + "=" + fewest + " to accept it");
        }
    }

    private static void checkConfig(NewTopic wanted, Config actual) {
        Map<String, String> expected = wanted.configs();
        String policy = value(actual, TopicConfig.CLEANUP_POLICY_CONFIG);
        if (!expected.get(TopicConfig.CLEANUP_POLICY_CONFIG).equals(policy)) {
            throw mismatch(wanted, TopicConfig.CLEANUP_POLICY_CONFIG, policy, "delete (time-based history)");
        }
        int minInSync = Integer.parseInt(value(actual, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        int wantedMinInSync = Integer.parseInt(expected.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        if (minInSync < wantedMinInSync) {
            throw mismatch(
                    wanted,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    Integer.toString(minInSync),
                    "at least " + wantedMinInSync + ", so that an acknowledged write has that many copies");
        }
        String timestampType = value(actual, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        String wantedType = expected.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (!wantedType.equals(timestampType)) {
            throw mismatch(wanted, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, timestampType, wantedType);
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? "" : String.valueOf(entry.value());
    }

    private static ConfigException mismatch(NewTopic topic, String setting, String actual, String wanted) {
        return new ConfigException(
                "topic " + topic.name(),
                setting + " is " + actual + ", presence needs " + wanted + "; change it with kafka-configs --alter"
                        + " --entity-type topics --entity-name " + topic.name() + " --add-config " + setting + "=…");
    }
}
