package io.presence.stream;

import org.apache.kafka.streams.kstream.Window;

/**
 * The closed online sessions of the users of a task, in a session store: the window is the session (start, end), the
 * value is empty. A session is written once, when it ends; the open one lives in {@code online-users}.
 */
final class Sessions {
    /** The value of every closed session: the window says it all. */
    static final byte[] CLOSED = new byte[0];
    /** The id of no user (user ids have at least one character): the key of the marker each task writes at start. */
    static final String NOBODY = "";

    private Sessions() {}

    /** One session, from the heartbeat that ended a silence to {@code last_seen + offlineAfter}. */
    static final class Span extends Window {
        Span(long startMs, long endMs) {
            super(startMs, endMs);
        }

        @Override
        public boolean overlap(Window other) {
            return startMs <= other.end() && other.start() <= endMs;
        }
    }
}
