package io.presence.query;

import java.util.Arrays;
import java.util.Optional;

/**
 * Catches the classic multi-host mistake: every instance left on the default {@code PRESENCE_ADVERTISED_HOST}
 * (127.0.0.1) advertises an address the others cannot reach, and they all look alike. A loopback address is only right
 * when the whole cluster, Kafka included, runs on this machine.
 */
final class AdvertisedAddress {
    private AdvertisedAddress() {}

    /** Why {@code advertisedHost} is likely wrong for a cluster reached at {@code bootstrapServers}; empty if fine. */
    static Optional<String> doubtAbout(String advertisedHost, String bootstrapServers) {
        if (!isLoopback(advertisedHost)) {
            return Optional.empty();
        }
        boolean kafkaElsewhere = Arrays.stream(bootstrapServers.split(","))
                .map(server -> server.substring(0, server.lastIndexOf(':')))
                .anyMatch(host -> !isLoopback(host));
        if (!kafkaElsewhere) {
            return Optional.empty();
        }
        return Optional.of("PRESENCE_ADVERTISED_HOST is " + advertisedHost + " but Kafka is at " + bootstrapServers
                + ": query-api instances on other hosts cannot reach this one; set it to this host's name or address");
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }
}
