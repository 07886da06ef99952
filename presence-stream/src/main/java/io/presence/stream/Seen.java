package io.presence.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What one store copy knows of a user: the last-seen time (null: never seen), and whether that copy may prove the
 * user offline — true only for the owner's active task once it has caught up with the heartbeat log. Any copy may say
 * {@code online}: a later heartbeat only moves last-seen forward. The same shape goes between instances as JSON.
 */
public record Seen(
        @JsonProperty("last_seen_ms") @Nullable Long lastSeenMs,
        @JsonProperty("offline_provable") boolean offlineProvable) {}
