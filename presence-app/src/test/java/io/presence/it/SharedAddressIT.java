package io.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presence.kafka.KafkaSettings;
import io.presence.kafka.TopicProvisioner;
import io.presence.stream.EngineSettings;
import io.presence.stream.Instance;
import io.presence.stream.PresenceEngine;
import io.presence.testkit.SharedKafka;
import io.presence.testkit.TempDirs;
import io.presence.user.PresenceRule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances that advertise one address (a copied configuration, hosts left on the default) over a real broker:
 * it is noticed and said; once the other leaves, it is no longer said.
 */
@ExtendWith(SharedKafka.class)
class SharedAddressIT {
    private static final Instance SAME_ADDRESS = new Instance("10.99.0.1", 8081);

    @Test
    void shouldNoticeAnotherInstanceAdvertisingTheSameAddressUntilItLeaves(SharedKafka.Broker broker) {
        new TopicProvisioner(new KafkaSettings(
                        broker.bootstrapServers(), 6, (short) 1, Duration.ofDays(1), Duration.ofDays(1)))
                .ensureTopics(Duration.ofSeconds(30));
        Path firstState = TempDirs.create("presence-it-shared-a-");
        Path secondState = TempDirs.create("presence-it-shared-b-");
        PresenceEngine first = engine(broker, firstState);
        PresenceEngine second = engine(broker, secondState);
        try {
            first.start(SAME_ADDRESS);
            second.start(SAME_ADDRESS);

            // Kafka Streams keeps one set of partitions per address, so the instance whose partitions were listed
            // under the other's notices.
            await("an instance reports the shared address")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> first.sharedAddressBecause().isPresent()
                            || second.sharedAddressBecause().isPresent());
            PresenceEngine reporter = first.sharedAddressBecause().isPresent() ? first : second;
            PresenceEngine other = reporter == first ? second : first;
            assertThat(reporter.sharedAddressBecause().orElseThrow())
                    .contains("10.99.0.1:8081")
                    .contains("PRESENCE_ADVERTISED_HOST");

            other.close();
            await("the remaining instance owns every partition listed for the address")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> reporter.sharedAddressBecause().isEmpty());
        } finally {
            first.close();
            second.close();
            TempDirs.delete(firstState);
            TempDirs.delete(secondState);
        }
    }

    private static PresenceEngine engine(SharedKafka.Broker broker, Path state) {
        return new PresenceEngine(
                new EngineSettings(
                        broker.bootstrapServers(), state, (short) 1, 0, new PresenceRule(Duration.ofSeconds(10))),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
    }
}
