package io.presence.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/** How close a process is to its connection limit, and how many slow heads and bodies it has cut off or refused. */
final class ConnectionMetrics {
    private ConnectionMetrics() {}

    static void register(MeterRegistry metrics, NetworkConnectionLimit limit, BodyReadGuard bodies) {
        Gauge.builder("presence.http.connections", limit, NetworkConnectionLimit::getNetworkConnectionCount)
                .description("Open HTTP connections")
                .register(metrics);
        Gauge.builder("presence.http.connections.max", limit, NetworkConnectionLimit::getMaxNetworkConnectionCount)
                .description("Open HTTP connections allowed; at the limit new ones wait to be accepted")
                .register(metrics);
        Gauge.builder("presence.http.slow.bodies.awaited", bodies, BodyReadGuard::bodiesAwaited)
                .description("Requests waiting for a slow body right now, each holding one of the few permits")
                .register(metrics);
        FunctionCounter.builder("presence.http.slow.bodies", bodies, BodyReadGuard::tooSlowBodies)
                .description("Requests answered 408 because their body came too slowly or missed the deadline")
                .tag("outcome", "too-slow")
                .register(metrics);
        FunctionCounter.builder("presence.http.slow.bodies", bodies, BodyReadGuard::turnedAwayBodies)
                .description("Requests answered 503 because enough others were already waiting for their bodies")
                .tag("outcome", "turned-away")
                .register(metrics);
    }

    static void registerHeads(MeterRegistry metrics, RequestHeadDeadline heads) {
        FunctionCounter.builder("presence.http.slow.heads", heads, RequestHeadDeadline::closedConnections)
                .description("Connections closed because their first request head was not in within the deadline")
                .register(metrics);
    }
}
