package io.presence.query.streams;

import io.presence.stream.PresenceTopology;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.LagInfo;

/**
 * How far the local copies of the last-seen store lag behind the topic, per partition. Asking costs a round trip to
 * the brokers, so the answer is kept for a second.
 */
final class StoreLags {
    private static final long REMEMBER_MS = 1_000;

    private final Supplier<Map<String, Map<Integer, LagInfo>>> source;
    private Map<Integer, LagInfo> lastAnswer = Map.of();
    private long askedAtMs = Long.MIN_VALUE;

    StoreLags(Supplier<Map<String, Map<Integer, LagInfo>>> source) {
        this.source = source;
    }

    /** Records the local copy of {@code partition} is behind, or {@code Long.MAX_VALUE} when there is none here. */
    synchronized long offsetLag(int partition) {
        long now = System.currentTimeMillis();
        if (now - askedAtMs >= REMEMBER_MS) {
            lastAnswer = source.get().getOrDefault(PresenceTopology.LAST_SEEN_STORE, Map.of());
            askedAtMs = now;
        }
        LagInfo lag = lastAnswer.get(partition);
        return lag == null ? Long.MAX_VALUE : lag.offsetLag();
    }
}
