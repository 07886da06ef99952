package io.presence.stream;

/**
 * The state asked for cannot be read here now: Kafka Streams is starting, rebalancing or restoring, or the partition
 * lives elsewhere. It passes; asking again a moment later (or asking another copy) is the remedy.
 */
public final class StateUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String message) {
        super(message);
    }

    StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
