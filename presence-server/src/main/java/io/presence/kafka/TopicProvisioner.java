package io.presence.kafka;

import io.presence.config.ConfigException;
import io.presence.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the contract's topics when they are missing, with explicit partitions, replication and time-based retention,
 * and makes sure {@code presence.heartbeats} is stamped by the broker (LogAppendTime): a heartbeat's time is when its
 * partition's leader appended it, one clock per partition that no gateway's clock can skew.
 */
public final class TopicProvisioner {
    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private static final String LOG_APPEND_TIME = "LogAppendTime";

    private final KafkaSettings settings;

    public TopicProvisioner(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Waits up to {@code timeout} for the cluster, creates what is missing and checks what exists (see
     * {@link ExistingTopics}); a cluster or topic that cannot keep the guarantees stops start-up.
     */
    public void ensureTopics(Duration timeout) {
        Map<String, Object> config = settings.clientConfig("presence-topic-provisioner");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            requireEnoughBrokers(admin, timeout);
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing =
                    wanted().stream().filter(t -> !existing.contains(t.name())).toList();
            for (NewTopic topic : missing) {
                create(admin, topic, timeout);
            }
            ensureHeartbeatsStampedByBroker(admin, timeout);
            // What we just created is right by construction (and may not be visible to every broker yet).
            List<NewTopic> found =
                    wanted().stream().filter(t -> existing.contains(t.name())).toList();
            new ExistingTopics(admin, timeout).check(found);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + settings.bootstrapServers() + " did not answer within " + timeout.toSeconds() + " s ("
                            + KafkaReachability.rootMessage(e) + ")",
                    e);
        }
    }

    /**
     * Replication the cluster cannot give would fail topic creation, and Kafka Streams later, less clearly; fewer
     * than three copies, chosen explicitly, is said out loud.
     */
    private void requireEnoughBrokers(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        int brokers = admin.describeCluster()
                .nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .size();
        if (settings.replication() < KafkaSettings.DURABLE_REPLICATION) {
            log.warn(
                    "{}={}: each record has {}, and a lost broker can lose heartbeats already answered 202;"
                            + " production clusters use {}",
                    KafkaSettings.REPLICATION,
                    settings.replication(),
                    KafkaSettings.copies(settings.replication()),
                    KafkaSettings.DURABLE_REPLICATION);
        }
        if (brokers < settings.replication()) {
            throw new ConfigException(
                    KafkaSettings.REPLICATION,
                    settings.replication() + " copies of each record need " + settings.replication()
                            + " brokers, and the cluster at " + settings.bootstrapServers() + " has " + brokers
                            + "; add brokers, or set " + KafkaSettings.REPLICATION + "=" + brokers
                            + " to run with fewer copies (a lost broker can then lose acknowledged heartbeats)");
        }
    }

    List<NewTopic> wanted() {
        return List.of(
                topic(Topics.HEARTBEATS, settings.heartbeatRetention(), LOG_APPEND_TIME),
                // The topology stamps each change with its own instant (`at`), so the producer's time is kept.
                topic(Topics.CHANGES, settings.changeRetention(), "CreateTime"));
    }

    private NewTopic topic(String name, Duration retention, String timestampType) {
        return new NewTopic(name, settings.partitions(), settings.replication())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(retention.toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        Integer.toString(settings.minInSyncReplicas()),
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        timestampType));
    }

    /** A heartbeats topic created before presence ran on the broker's clock is switched over; its history stays. */
    private static void ensureHeartbeatsStampedByBroker(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.HEARTBEATS);
        Config current = admin.describeConfigs(List.of(topic))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic);
        ConfigEntry type = current.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (type != null && LOG_APPEND_TIME.equals(type.value())) {
            return;
        }
        AlterConfigOp toAppendTime = new AlterConfigOp(
                new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(toAppendTime)))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        log.warn(
                "Switched {} to {}: heartbeats are now timed by the broker (earlier records keep their times)",
                Topics.HEARTBEATS,
                LOG_APPEND_TIME);
    }

    private static void create(Admin admin, NewTopic topic, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "Created topic {} ({} partitions, replication {})",
                    topic.name(),
                    topic.numPartitions(),
                    topic.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // another process created it between our listing and our request: that is fine
        }
    }
}
