package io.presence.replay;

import io.presence.kafka.KafkaSettings;
import io.presence.user.PresenceRule;
import org.jspecify.annotations.Nullable;

/** One replay as asked for on the command line, checked: what to read, between which instants, and what to write. */
record ReplayRequest(
        KafkaSettings kafka,
        Replay.Source source,
        PresenceRule rule,
        long fromMs,
        long toMs,
        long nowMs,
        @Nullable String userId,
        ReplayOutput.Emit emit,
        ReplayOutput.Format format) {}
