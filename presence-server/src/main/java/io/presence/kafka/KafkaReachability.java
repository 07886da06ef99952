package io.presence.kafka;

import io.presence.http.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers "can we reach Kafka now?" for readiness probes. The answer is kept for a second so that frequent probes do
 * not each cost a round trip to the cluster.
 */
public final class KafkaReachability implements Readiness, AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REMEMBER_FOR = Duration.ofSeconds(1);

    private final Admin admin;
    private final Clock clock;
    private Instant checkedAt = Instant.MIN;
    private Optional<String> lastAnswer = Optional.of("not checked yet");

    public KafkaReachability(KafkaSettings settings, Clock clock) {
        Map<String, Object> config = settings.clientConfig("presence-readiness");
        config.putAll(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) PROBE_TIMEOUT.toMillis()));
        this.admin = Admin.create(config);
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> notReadyBecause() {
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(REMEMBER_FOR) >= 0) {
            lastAnswer = probe();
            checkedAt = now;
        }
        return lastAnswer;
    }

    private Optional<String> probe() {
        try {
            var options = new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis());
            int brokers = admin.describeCluster(options)
                    .nodes()
                    .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .size();
            return brokers > 0 ? Optional.empty() : Optional.of("Kafka reports no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing Kafka");
        } catch (Exception e) {
            return Optional.of("Kafka is not reachable: " + rootMessage(e));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
