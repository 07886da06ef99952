package io.presence.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Online users ordered by the instant they go offline: key = big-endian deadline (8 bytes) + user id, no value. The
 * offline detector range-scans only the entries already due, never the whole set.
 *
 * <p>An entry may be early: heartbeats do not move it (that would double the writes of every heartbeat). When an
 * early entry comes due, the detector re-reads the user's real deadline and moves the entry there.
 */
final class DeadlineIndex {
    private static final byte[] NO_VALUE = new byte[0];
    private static final byte[] AFTER_EVERY_USER_ID = {(byte) 0xFF};

    private final KeyValueStore<Bytes, byte[]> store;

    DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** An entry of the index: this user is due to be checked at this deadline. */
    record Entry(long deadlineMs, String userId, Bytes key) {
    }

    void add(String userId, long deadlineMs) {
        store.put(key(deadlineMs, userId), NO_VALUE);
    }

    void remove(Entry entry) {
        store.delete(entry.key());
    }

    /** Up to {@code limit} entries whose deadline lies strictly before {@code horizonMs}, earliest first. */
    List<Entry> dueBefore(long horizonMs, int limit) {
        List<Entry> due = new ArrayList<>();
        if (horizonMs <= 0) {
            return due;
        }
        Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(0).array());
        Bytes to = Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1).putLong(horizonMs - 1).put(AFTER_EVERY_USER_ID).array());
        try (KeyValueIterator<Bytes, byte[]> range = store.range(from, to)) {
            while (range.hasNext() && due.size() < limit) {
                due.add(decode(range.next().key));
            }
        }
        return due;
    }

    private static Bytes key(long deadlineMs, String userId) {
        byte[] id = userId.getBytes(StandardCharsets.US_ASCII);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(deadlineMs).put(id).array());
    }

    private static Entry decode(Bytes key) {
        byte[] raw = key.get();
        long deadline = ByteBuffer.wrap(raw, 0, Long.BYTES).getLong();
        String userId = new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.US_ASCII);
        return new Entry(deadline, userId, key);
    }
}
