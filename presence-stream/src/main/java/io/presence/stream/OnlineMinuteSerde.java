package io.presence.stream;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/** 25 bytes per task and minute: a format version, then the fields of {@link OnlineMinute}. */
final class OnlineMinuteSerde implements Serde<OnlineMinute>, Serializer<OnlineMinute>, Deserializer<OnlineMinute> {
    private static final byte VERSION = 1;
    private static final int SIZE = 1 + Integer.BYTES * 2 + Long.BYTES * 2;

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable OnlineMinute value) {
        if (value == null) {
            return null;
        }
        return ByteBuffer.allocate(SIZE)
                .put(VERSION)
                .putInt(value.netChange())
                .putInt(value.highestRise())
                .putLong(value.totalAfter())
                .putLong(value.seq())
                .array();
    }

    @Override
    public @Nullable OnlineMinute deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length != SIZE || data[0] != VERSION) {
            throw new SerializationException("Unknown online-minute format (" + data.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data, 1, SIZE - 1);
        return new OnlineMinute(buffer.getInt(), buffer.getInt(), buffer.getLong(), buffer.getLong());
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
    public Serializer<OnlineMinute> serializer() {
        return this;
    }

    @Override
    public Deserializer<OnlineMinute> deserializer() {
        return this;
    }
}
