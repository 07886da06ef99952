package io.presence.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serde for the JSON records of our topics. Heartbeats and changes in their usual form take {@link EventCodec}'s
 * fast path; Jackson does the rest, with the same results.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private static final JsonSerde<Heartbeat> HEARTBEATS = heartbeats();

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final Function<T, byte @Nullable []> fastWriter;
    private final Function<byte[], @Nullable T> fastReader;

    private JsonSerde(
            Class<T> type, Function<T, byte @Nullable []> fastWriter, Function<byte[], @Nullable T> fastReader) {
        ObjectMapper mapper = EventJson.mapper();
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
        this.fastWriter = fastWriter;
        this.fastReader = fastReader;
    }

    public static JsonSerde<Heartbeat> heartbeats() {
        return new JsonSerde<>(Heartbeat.class, EventCodec::writeHeartbeat, EventCodec::readHeartbeat);
    }

    /**
     * Whether a record value is a heartbeat: what {@code heartbeats().deserialize} accepts, for readers that need only
     * the answer. The usual form is checked without allocating; any other goes through the deserializer.
     */
    public static boolean isHeartbeat(byte @Nullable [] value) {
        if (value == null) {
            return false;
        }
        if (EventCodec.isPlainHeartbeat(value)) {
            return true;
        }
        try {
            return HEARTBEATS.deserialize(Topics.HEARTBEATS, value) != null;
        } catch (SerializationException e) {
            return false;
        }
    }

    public static JsonSerde<PresenceChange> presenceChanges() {
        return new JsonSerde<>(PresenceChange.class, EventCodec::writeChange, json -> null);
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        if (data == null) {
            return null;
        }
        byte[] fast = fastWriter.apply(data);
        if (fast != null) {
            return fast;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("Cannot write JSON for topic " + topic, e);
        }
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        T fast = fastReader.apply(data);
        if (fast != null) {
            return fast;
        }
        try {
            return reader.readValue(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Record of topic " + topic + " is not valid JSON of the expected shape", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the mapper is fixed
    }

    @Override
    public void close() {
        // nothing to release
    }
}
