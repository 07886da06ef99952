package io.presence.stream;

import io.presence.session.LastSeen;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Ten bytes per user instead of a JSON document: a format version, the last-seen epoch milliseconds and a flags byte.
 * The store and its changelog hold one of these per user ever seen, so every byte counts a billion times.
 */
final class LastSeenSerde implements Serde<LastSeen>, Serializer<LastSeen>, Deserializer<LastSeen> {
    private static final byte VERSION = 1;
    private static final int SIZE = 10;
    private static final byte ONLINE = 1;

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable LastSeen value) {
        if (value == null) {
            return null;
        }
        return ByteBuffer.allocate(SIZE)
                .put(VERSION)
                .putLong(value.lastSeenMs())
                .put(value.online() ? ONLINE : 0)
                .array();
    }

    @Override
    public @Nullable LastSeen deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length != SIZE || data[0] != VERSION) {
            throw new SerializationException("Unknown last-seen format (" + data.length + " bytes, version "
                    + (data.length > 0 ? data[0] : -1) + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, 1, SIZE - 1);
        long lastSeenMs = buffer.getLong();
        return new LastSeen(lastSeenMs, (buffer.get() & ONLINE) != 0);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public Serializer<LastSeen> serializer() {
        return this;
    }

    @Override
    public Deserializer<LastSeen> deserializer() {
        return this;
    }
}
