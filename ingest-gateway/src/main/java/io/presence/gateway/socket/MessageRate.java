package io.presence.gateway.socket;

/**
 * A token bucket per socket: {@link SocketLimits#MESSAGE_BURST} messages at once, then
 * {@link SocketLimits#MESSAGES_PER_SECOND} sustained. Jetty delivers one socket's messages one at a time, so it needs
 * no locking.
 */
final class MessageRate {
    private final double perMs;
    private final double burst;
    private double tokens;
    private long refilledAtMs;

    MessageRate(int perSecond, int burst, long nowMs) {
        this.perMs = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAtMs = nowMs;
    }

    /** Takes one message's token; false when the socket has sent more than the rate allows. */
    boolean tryAcquire(long nowMs) {
        tokens = Math.min(burst, tokens + Math.max(0, nowMs - refilledAtMs) * perMs);
        refilledAtMs = nowMs;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
