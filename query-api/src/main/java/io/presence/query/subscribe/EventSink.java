package io.presence.query.subscribe;

import org.jspecify.annotations.Nullable;

/**
 * Where one subscriber's events go: a Server-Sent Events response or a WebSocket. Writes never block; a sink busy
 * with the previous frame says so and calls {@link Subscriber#writable()} when it can take the next.
 */
interface EventSink {
    /** The frame for one event in this transport's format. */
    String frame(String event, @Nullable String id, String json);

    /** How many characters of frames to write in one go: frames are joined up to this; 0 sends each alone. */
    int batchChars();

    /** Starts writing {@code frame}; false, writing nothing, while the previous frame is still being written. */
    boolean offer(String frame);

    /** Ends the stream; {@code reason} is for transports that can carry one (a WebSocket close frame). */
    void end(String reason);
}
