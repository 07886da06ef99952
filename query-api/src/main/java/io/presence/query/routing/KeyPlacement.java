package io.presence.query.routing;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where one user's state lives: its partition, the instance that owns it (active) and those that keep warm copies
 * (standbys), as Kafka Streams' metadata says now.
 */
public record KeyPlacement(String userId, int partition, HostInfo active, List<HostInfo> standbys) {
    public KeyPlacement {
        standbys = List.copyOf(standbys);
    }
}
