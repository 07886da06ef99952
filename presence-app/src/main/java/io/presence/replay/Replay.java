package io.presence.replay;

import io.presence.event.JsonSerde;
import io.presence.event.PresenceChange;
import io.presence.event.PresenceStatus;
import io.presence.event.Timestamps;
import io.presence.event.Topics;
import io.presence.session.OfflineHorizon;
import io.presence.user.PresenceRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * Reads one topic between two instants and feeds what it holds to a {@link SessionAssembler}: heartbeats through the
 * presence rules (by default under the live threshold, or another one), or the published changes as they are.
 */
final class Replay {
    /** What a replay reads. */
    enum Source {
        HEARTBEATS,
        CHANGES
    }

    /**
     * Offline changes are published a moment after their instant (at most 2 s by the contract, longer after an outage):
     * a replay of the changes reads this far past the interval for them.
     */
    static final Duration CHANGES_LATENESS = Duration.ofMinutes(1);

    /** Consumers fetching and parsing at once, while the calling thread applies the rules. */
    private static final int FETCHERS = 1;

    private final Map<String, Object> clientConfig;

    /** @param clientConfig where the cluster is and how to log in ({@code bootstrap.servers}, security) */
    Replay(Map<String, Object> clientConfig) {
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /** What one replay read. */
    record Outcome(long records, long readEverythingBeforeMs) {}

    /**
     * Replays {@code [fromMs, toMs)}; {@code nowMs} is when it started (nothing appended later is read).
     *
     * @param userId   only this user (only its partition is read), or null for all
     * @param progress told the records in range, then the number read so far, now and then
     */
    Outcome run(
            Source source,
            PresenceRule rule,
            long fromMs,
            long toMs,
            long nowMs,
            @Nullable String userId,
            SessionAssembler assembler,
            ReplayProgress progress) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            String topic = source == Source.HEARTBEATS ? Topics.HEARTBEATS : Topics.CHANGES;
            Set<Integer> partitions = userId == null ? Set.of() : Set.of(partitionOf(consumer, topic, userId));
            // Heartbeats from one threshold before the interval say who came online after a silence within it.
            long readFromMs = source == Source.HEARTBEATS ? fromMs - rule.offlineAfterMs() : fromMs;
            long readUntilMs = toMs
                    + (source == Source.HEARTBEATS
                            ? OfflineHorizon.REORDER_ALLOWANCE.toMillis()
                            : CHANGES_LATENESS.toMillis());
            LogRange range = LogRange.between(consumer, topic, partitions, readFromMs, readUntilMs);
            RecordHandler handler = source == Source.HEARTBEATS
                    ? new HeartbeatHandler(new HeartbeatReplay(rule, toMs, assembler), userId)
                    : new ChangeHandler(assembler, userId);
            progress.started(range.records());
            long[] read = {0};
            long records = new LogReader(this::consumer, FETCHERS).read(range, batch -> {
                batch.forEach(handler::accept);
                read[0] += batch.size();
                progress.read(read[0]);
            });
            progress.finished(records);
            // Everything appended before the interval's end was read, or everything appended before the replay began.
            long readEverythingBeforeMs = Math.min(readUntilMs, nowMs);
            handler.finish(readEverythingBeforeMs);
            assembler.finish();
            return new Outcome(records, readEverythingBeforeMs);
        }
    }

    /** The partition the producers' default partitioner puts this user's records in. */
    private static int partitionOf(KafkaConsumer<byte[], byte[]> consumer, String topic, String userId) {
        int count = consumer.partitionsFor(topic).size();
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % count;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "presence-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** What a replay does with each record in range. */
    private interface RecordHandler {
        void accept(ConsumerRecord<byte[], byte[]> record);

        /** Everything appended before this instant has been read. */
        void finish(long readEverythingBeforeMs);
    }

    /**
     * Heartbeats, skipped exactly as the live topology skips them: a time the contract cannot write, no valid user id
     * key, or no valid value.
     */
    private static final class HeartbeatHandler implements RecordHandler {
        private final HeartbeatReplay replay;
        private final byte @Nullable [] userKey;

        HeartbeatHandler(HeartbeatReplay replay, @Nullable String userId) {
            this.replay = replay;
            this.userKey = userId == null ? null : userId.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void accept(ConsumerRecord<byte[], byte[]> record) {
            byte[] key = record.key();
            if (key == null
                    || (userKey != null && !Arrays.equals(userKey, key))
                    || !Timestamps.isWritable(record.timestamp())
                    || !JsonSerde.isHeartbeat(record.value())) {
                return;
            }
            replay.heartbeat(record.partition(), key, record.timestamp());
        }

        @Override
        public void finish(long readEverythingBeforeMs) {
            replay.finish(readEverythingBeforeMs);
        }
    }

    /** Published changes, as they are. */
    private static final class ChangeHandler implements RecordHandler {
        private final Deserializer<PresenceChange> values =
                JsonSerde.presenceChanges().deserializer();
        private final SessionAssembler assembler;
        private final @Nullable String userId;

        ChangeHandler(SessionAssembler assembler, @Nullable String userId) {
            this.assembler = assembler;
            this.userId = userId;
        }

        @Override
        public void accept(ConsumerRecord<byte[], byte[]> record) {
            PresenceChange change;
            try {
                change = values.deserialize(record.topic(), record.value());
            } catch (SerializationException e) {
                return;
            }
            if (change == null || (userId != null && !userId.equals(change.userId()))) {
                return;
            }
            long atMs = change.at().toEpochMilli();
            if (change.status() == PresenceStatus.ONLINE) {
                assembler.online(change.userId(), atMs);
            } else {
                assembler.offline(change.userId(), change.lastSeen().toEpochMilli(), atMs);
            }
        }

        @Override
        public void finish(long readEverythingBeforeMs) {
            // the changes are decided already
        }
    }
}
