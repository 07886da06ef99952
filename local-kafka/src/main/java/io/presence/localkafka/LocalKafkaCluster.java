package io.presence.localkafka;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real KRaft Kafka cluster of one or more nodes (each broker and controller in one), every node a child JVM started
 * from the Maven artifacts of {@code kafka_2.13}, so broker and client classes never mix. Data lives under the given
 * directory and survives restarts. Replication of internal topics follows the node count (3 nodes: replication 3,
 * {@code min.insync.replicas} 2). The owner closes it, after the clients that use it.
 */
public final class LocalKafkaCluster implements AutoCloseable {
    private final List<KafkaNode> nodes;

    private LocalKafkaCluster(List<KafkaNode> nodes) {
        this.nodes = nodes;
    }

    /** One node on the given ports: what dev mode and most tests need. */
    public static LocalKafkaCluster startSingleNode(Path dataDir, int port, int controllerPort, Duration timeout) {
        return start(dataDir, List.of(new KafkaNode.Ports(port, controllerPort)), timeout);
    }

    /** {@code size} nodes on free ports. */
    public static LocalKafkaCluster start(Path dataDir, int size, Duration timeout) {
        List<KafkaNode.Ports> ports = IntStream.range(0, size)
                .mapToObj(i -> new KafkaNode.Ports(FreePorts.find(), FreePorts.find()))
                .toList();
        return start(dataDir, ports, timeout);
    }

    private static LocalKafkaCluster start(Path dataDir, List<KafkaNode.Ports> ports, Duration timeout) {
        String voters = IntStream.range(0, ports.size())
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.get(i).controllerPort())
                .collect(Collectors.joining(","));
        String clusterId = randomClusterId();
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            KafkaNode node =
                    new KafkaNode(i + 1, dataDir.resolve("node-" + (i + 1)), ports.get(i), voters, ports.size());
            node.formatIfNew(clusterId);
            nodes.add(node);
        }
        LocalKafkaCluster cluster = new LocalKafkaCluster(List.copyOf(nodes));
        try {
            // All at once: a multi-node quorum forms only when a majority runs.
            nodes.forEach(KafkaNode::start);
            nodes.forEach(node -> node.awaitReady(timeout));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code host:port} of every node, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaNode::address).collect(Collectors.joining(","));
    }

    /** Stops node {@code nodeId} (1-based) with a controlled shutdown. */
    public void stopNode(int nodeId) {
        node(nodeId).stop();
    }

    /** Kills node {@code nodeId} with SIGKILL, as in a crash. */
    public void killNode(int nodeId) {
        node(nodeId).kill();
    }

    /** Starts a stopped node again on its data, and waits until it serves. */
    public void restartNode(int nodeId, Duration timeout) {
        KafkaNode node = node(nodeId);
        node.start();
        node.awaitReady(timeout);
    }

    private KafkaNode node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    /** Stops every node, in parallel, each with a controlled shutdown. */
    @Override
    public void close() {
        nodes.parallelStream().forEach(KafkaNode::stop);
    }

    /**
     * A cluster id in Kafka's own form: 16 random bytes, URL-safe base64 without padding. Like Kafka's own ids it never
     * starts with '-', which the storage tool would read as an option (one id in 64 otherwise).
     */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
