package io.presence.stream;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The value of {@code online-users}: when the user's open session started, as 8 bytes. Stores written before sessions
 * were kept hold an empty value; their sessions then count from the newest heartbeat known.
 */
final class OnlineSince {
    private static final int SIZE = Long.BYTES;

    private OnlineSince() {}

    static byte[] encode(long startMs) {
        return ByteBuffer.allocate(SIZE).putLong(startMs).array();
    }

    /** The session start stored, or {@code unknownMs} when the value holds none. */
    static long decode(byte @Nullable [] value, long unknownMs) {
        return value != null && value.length == SIZE ? ByteBuffer.wrap(value).getLong() : unknownMs;
    }
}
