package io.presence.gateway.heartbeat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presence.http.ProblemException;

/** {@code presence_heartbeats_total}: heartbeats accepted, and requests rejected by reason (the problem type). */
final class HeartbeatMetrics {
    private static final String NAME = "presence.heartbeats";

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter notStored;

    HeartbeatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder(NAME)
                .tag("outcome", "accepted")
                .description("Heartbeats by outcome")
                .register(registry);
        this.notStored =
                Counter.builder(NAME).tag("outcome", "kafka-unavailable").register(registry);
    }

    /** A handler body whose rejections ({@link ProblemException}s) are counted by their problem type. */
    interface Body {
        void run();
    }

    void countingRejections(Body body) {
        try {
            body.run();
        } catch (ProblemException e) {
            String type = e.problem().type();
            Counter.builder(NAME)
                    .tag("outcome", type.substring(type.lastIndexOf(':') + 1))
                    .register(registry)
                    .increment();
            throw e;
        }
    }

    void accepted(int count) {
        accepted.increment(count);
    }

    void notStored(int count) {
        notStored.increment(count);
    }
}
