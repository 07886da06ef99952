package io.presence.bench.kafka;

import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes heartbeats straight to {@code presence.heartbeats} in the gateway's record format (user id key, JSON value,
 * threshold header), as fast as the broker takes them: the input of the stream figures.
 */
public final class HeartbeatLoader {
    private final String bootstrapServers;
    private final byte[] offlineAfterHeader;

    public HeartbeatLoader(String bootstrapServers, long offlineAfterMs) {
        this.bootstrapServers = bootstrapServers;
        this.offlineAfterHeader = Long.toString(offlineAfterMs).getBytes(StandardCharsets.US_ASCII);
    }

    /** User ids as the whole bench names them: {@code u0} to {@code u(users-1)}. */
    public static String userId(long index) {
        return "u" + index;
    }

    /** {@code rounds} heartbeats for each of {@code users} users, round after round; returns the records written. */
    public long load(int users, int rounds) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Heartbeat> producer = producer()) {
            for (int round = 0; round < rounds && failure.get() == null; round++) {
                for (int user = 0; user < users; user++) {
                    send(producer, userId(user), failure);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading heartbeats failed", failure.get());
        }
        return (long) users * rounds;
    }

    private void send(KafkaProducer<String, Heartbeat> producer, String userId, AtomicReference<Exception> failure) {
        Instant now = Instant.now();
        ProducerRecord<String, Heartbeat> record =
                new ProducerRecord<>(Topics.HEARTBEATS, null, now.toEpochMilli(), userId, new Heartbeat(userId, now));
        record.headers().add(Topics.OFFLINE_AFTER_HEADER, offlineAfterHeader);
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** The gateway's producer settings. */
    static Map<String, Object> gatewayProducerSettings() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                64 * 1024);
    }

    private KafkaProducer<String, Heartbeat> producer() {
        Map<String, Object> config = new HashMap<>(gatewayProducerSettings());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaProducer<>(config, new StringSerializer(), JsonSerde.heartbeats());
    }
}
