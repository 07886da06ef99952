package io.presence.stream;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.LagInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the local copies of the last-seen store lag behind their changelogs, per partition. Asking costs a round
 * trip to the brokers, so a background thread asks once a second and requests read the last answer; an answer older
 * than a few seconds counts as unknown.
 */
final class StoreLags implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreLags.class);
    private static final long PERIOD_MS = 1_000;
    private static final long TRUSTED_FOR_MS = 5_000;

    private final Supplier<Map<String, Map<Integer, LagInfo>>> source;
    private final ScheduledExecutorService executor;
    private volatile Map<Integer, LagInfo> lastAnswer = Map.of();
    private volatile long answeredAtMs = Long.MIN_VALUE;

    StoreLags(Supplier<Map<String, Map<Integer, LagInfo>>> source) {
        this.source = source;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-lags");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            lastAnswer = source.get().getOrDefault(PresenceTopology.LAST_SEEN_STORE, Map.of());
            answeredAtMs = System.currentTimeMillis();
        } catch (RuntimeException e) {
            log.debug("Store lags unknown for now: {}", e.toString());
        }
    }

    /** Records the local copy of {@code partition} is behind, or {@code Long.MAX_VALUE} when unknown or absent. */
    long offsetLag(int partition) {
        if (System.currentTimeMillis() - answeredAtMs > TRUSTED_FOR_MS) {
            return Long.MAX_VALUE;
        }
        LagInfo lag = lastAnswer.get(partition);
        return lag == null ? Long.MAX_VALUE : lag.offsetLag();
    }

    /** The lag of every store partition held here, by partition; empty when unknown. */
    Map<Integer, Long> all() {
        if (System.currentTimeMillis() - answeredAtMs > TRUSTED_FOR_MS) {
            return Map.of();
        }
        TreeMap<Integer, Long> lags = new TreeMap<>();
        lastAnswer.forEach((partition, lag) -> lags.put(partition, lag.offsetLag()));
        return lags;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
