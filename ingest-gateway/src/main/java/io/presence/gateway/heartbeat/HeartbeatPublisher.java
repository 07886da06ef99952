package io.presence.gateway.heartbeat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.presence.event.Heartbeat;
import io.presence.event.JsonSerde;
import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes heartbeats to {@code presence.heartbeats} and completes only once Kafka has them durably ({@code acks=all},
 * idempotent), with the time each was recorded at: the broker's append time on that topic (LogAppendTime), the one
 * clock presence runs on. Never blocks the caller for the acknowledgement; fails within {@link #SEND_TIMEOUT} when
 * Kafka cannot take the write.
 */
public final class HeartbeatPublisher implements AutoCloseable {
    /** The contract's bound on how long a caller waits before hearing 503. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How heartbeats are written: durably ({@code acks=all}, idempotent) and in compressed batches. Public so that the
     * bench measures its producer baseline with the very same settings.
     */
    public static final Map<String, Object> DURABLE_BATCHES = Map.of(
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

    private final Producer<String, Heartbeat> producer;
    private final byte[] offlineAfterHeader;

    /** @param offlineAfter this gateway's {@code PRESENCE_OFFLINE_AFTER}, stamped on every record as a header */
    public HeartbeatPublisher(Producer<String, Heartbeat> producer, Duration offlineAfter) {
        this.producer = producer;
        this.offlineAfterHeader = Long.toString(offlineAfter.toMillis()).getBytes(StandardCharsets.US_ASCII);
    }

    /** A publisher with its own producer, set up for durability and for many small records. */
    public static HeartbeatPublisher connect(KafkaSettings kafka, Duration offlineAfter, MeterRegistry metrics) {
        Map<String, Object> config = kafka.clientConfig("ingest-gateway");
        config.putAll(DURABLE_BATCHES);
        config.putAll(Map.of(
                // A request thread may block in send() only while metadata is missing or the buffer is full: keep it
                // short.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                1_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) SEND_TIMEOUT.toMillis() - 500));
        KafkaProducer<String, Heartbeat> producer =
                new KafkaProducer<>(config, new StringSerializer(), JsonSerde.heartbeats());
        new KafkaClientMetrics(producer).bindTo(metrics);
        // Fetch metadata now, so that the first heartbeat does not wait for it on a request thread.
        producer.partitionsFor(Topics.HEARTBEATS);
        return new HeartbeatPublisher(producer, offlineAfter);
    }

    /**
     * Completes with the recorded time of each heartbeat, in order, when every one is acknowledged; fails with the
     * first error or after {@link #SEND_TIMEOUT}.
     */
    public CompletableFuture<List<Instant>> publish(List<Heartbeat> heartbeats) {
        Acknowledgements acks = new Acknowledgements(heartbeats.size());
        for (int i = 0; i < heartbeats.size(); i++) {
            send(heartbeats.get(i), i, acks);
        }
        return acks.all().orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Heartbeat heartbeat, int index, Acknowledgements acks) {
        ProducerRecord<String, Heartbeat> record = new ProducerRecord<>(
                Topics.HEARTBEATS, null, heartbeat.ts().toEpochMilli(), heartbeat.userId(), heartbeat);
        record.headers().add(Topics.OFFLINE_AFTER_HEADER, offlineAfterHeader);
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    // A topic still on CreateTime (or a test double) reports no broker time: the record keeps ours.
                    acks.acknowledged(
                            index,
                            metadata.hasTimestamp() ? Instant.ofEpochMilli(metadata.timestamp()) : heartbeat.ts());
                } else {
                    acks.failed(error);
                }
            });
        } catch (KafkaException e) {
            acks.failed(e);
        }
    }

    /**
     * The acknowledgements of one request's heartbeats, counted down: one future for the request rather than one per
     * heartbeat, because the callbacks run on the producer's only network thread.
     */
    private static final class Acknowledgements {
        private final Instant[] recordedAt;
        private final AtomicInteger pending;
        private final CompletableFuture<List<Instant>> all = new CompletableFuture<>();

        Acknowledgements(int count) {
            this.recordedAt = new Instant[count];
            this.pending = new AtomicInteger(count);
            if (count == 0) {
                all.complete(List.of());
            }
        }

        void acknowledged(int index, Instant at) {
            recordedAt[index] = at;
            // The decrement publishes the write above to whoever sees the count reach zero.
            if (pending.decrementAndGet() == 0) {
                all.complete(List.of(recordedAt));
            }
        }

        void failed(Exception error) {
            all.completeExceptionally(error);
        }

        CompletableFuture<List<Instant>> all() {
            return all;
        }
    }

    /** Flushes what is buffered (bounded), then closes the producer. */
    @Override
    public void close() {
        producer.close(SEND_TIMEOUT);
    }
}
