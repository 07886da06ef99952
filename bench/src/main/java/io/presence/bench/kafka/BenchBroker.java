package io.presence.bench.kafka;

import io.presence.kafka.KafkaSettings;
import io.presence.kafka.TopicProvisioner;
import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** One real single-node KRaft broker for one run, started from Maven artifacts, with Presence's topics created. */
public final class BenchBroker implements AutoCloseable {
    private final LocalKafkaCluster cluster;
    private final KafkaSettings settings;

    private BenchBroker(LocalKafkaCluster cluster, int partitions) {
        this.cluster = cluster;
        this.settings = new KafkaSettings(
                cluster.bootstrapServers(), partitions, (short) 1, Duration.ofDays(1), Duration.ofDays(1));
    }

    public static BenchBroker start(Path dataDir, int partitions) {
        LocalKafkaCluster cluster =
                LocalKafkaCluster.startSingleNode(dataDir, FreePorts.find(), FreePorts.find(), Duration.ofSeconds(60));
        BenchBroker broker = new BenchBroker(cluster, partitions);
        // The topics as query-api creates them (LogAppendTime heartbeats), before anything is written to them.
        new TopicProvisioner(broker.settings).ensureTopics(Duration.ofSeconds(30));
        return broker;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public int partitions() {
        return settings.partitions();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
