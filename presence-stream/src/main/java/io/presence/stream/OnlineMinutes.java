package io.presence.stream;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Writes a task's online count per minute: one read and one write of a one-minute window per transition, in the
 * minute of the transition's instant (an offline is decided a moment after its instant, so it may land in the minute
 * before the newest). Never written per heartbeat.
 */
final class OnlineMinutes {
    static final long MINUTE_MS = 60_000;
    /** Each task has its own store, so one key holds its whole series. */
    static final String SERIES = "online";

    private final WindowStore<String, OnlineMinute> store;
    private long total;
    private long seq;

    OnlineMinutes(WindowStore<String, OnlineMinute> store) {
        this.store = store;
    }

    /** After a restore: the users online now, and the sequence number to continue from. */
    void resume(long onlineNow) {
        total = onlineNow;
        try (KeyValueIterator<Windowed<String>, OnlineMinute> all = store.all()) {
            while (all.hasNext()) {
                seq = Math.max(seq, all.next().value.seq());
            }
        }
    }

    /** A transition at {@code atMs}: +1 online, -1 offline. */
    void changed(long atMs, int change) {
        long minute = minuteOf(atMs);
        OnlineMinute before = store.fetch(SERIES, minute);
        int net = (before == null ? 0 : before.netChange()) + change;
        int rise = Math.max(before == null ? 0 : before.highestRise(), net);
        total += change;
        seq++;
        store.put(SERIES, new OnlineMinute(net, rise, total, seq), minute);
    }

    static long minuteOf(long atMs) {
        return atMs - Math.floorMod(atMs, MINUTE_MS);
    }
}
