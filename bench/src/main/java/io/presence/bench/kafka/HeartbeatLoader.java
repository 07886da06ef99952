package io.presence.bench.kafka;

import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.gateway.heartbeat.HeartbeatPublisher;
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
 * threshold header) with the gateway's producer settings, as fast as the broker takes them: the input of the stream
 * figures and of the offline waves.
 */
public final class HeartbeatLoader implements AutoCloseable {
    private final KafkaProducer<String, Heartbeat> producer;
    private final byte[] offlineAfterHeader;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public HeartbeatLoader(String bootstrapServers, long offlineAfterMs) {
        Map<String, Object> config = new HashMap<>(HeartbeatPublisher.DURABLE_BATCHES);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), JsonSerde.heartbeats());
        this.offlineAfterHeader = Long.toString(offlineAfterMs).getBytes(StandardCharsets.US_ASCII);
    }

    /** User ids as the whole bench names them: {@code u0} to {@code u(users-1)}. */
    public static String userId(long index) {
        return "u" + index;
    }

    /** {@code rounds} heartbeats for each of {@code users} users, round after round; returns the records written. */
    public long load(int users, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (int user = 0; user < users; user++) {
                write(userId(user));
            }
        }
        flush();
        return (long) users * rounds;
    }

    /** One heartbeat, sent in the background; {@link #flush} waits for it. */
    public void write(String userId) {
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

    /** Waits until every heartbeat written so far is acknowledged. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("Writing heartbeats failed", failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
