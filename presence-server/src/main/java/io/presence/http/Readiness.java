package io.presence.http;

import java.util.Optional;

/** Whether a process can do its job right now, and if not, why. */
@FunctionalInterface
public interface Readiness {
    /** Empty when ready; otherwise the reason, shown in the 503 problem. */
    Optional<String> notReadyBecause();
}
