package io.presence.stream;

import io.presence.event.Timestamps;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A heartbeat's time is its record's timestamp: on {@code presence.heartbeats} (LogAppendTime) the broker's append
 * time, one clock per partition that no gateway can skew. A timestamp outside what the contract's time format can
 * write (before 1970 or after year 9999) is refused: Kafka Streams then skips the record, logs it and counts it in
 * {@code dropped-records}. The rule looks at the record alone, so a replay of the topic applies it the same way.
 */
public final class HeartbeatTimestamps implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return isValid(record.timestamp()) ? record.timestamp() : -1;
    }

    /** Whether a heartbeat may carry this time. */
    public static boolean isValid(long timestampMs) {
        return Timestamps.isWritable(timestampMs);
    }
}
