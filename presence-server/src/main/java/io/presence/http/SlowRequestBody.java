package io.presence.http;

import java.io.IOException;
import java.util.Map;

/**
 * Why a request body stopped being read: it came too slowly, or too many others were already awaited. Reads of the
 * body fail with it, and {@link HttpErrors} answers with the problem it carries and closes the connection.
 */
final class SlowRequestBody extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why reading stopped. */
    enum Reason {
        TOO_SLOW,
        BUSY,
        STOPPING
    }

    private final Reason reason;
    private final transient ProblemException answer;

    private SlowRequestBody(Reason reason, ProblemException answer) {
        super(answer.getMessage(), null);
        this.reason = reason;
        this.answer = answer;
    }

    static SlowRequestBody tooSlow(ReadLimits limits) {
        return new SlowRequestBody(
                Reason.TOO_SLOW,
                ProblemException.of(
                        408,
                        "request-body-too-slow",
                        "Request body too slow",
                        "The request body did not arrive in time: after "
                                + limits.grace().toMillis() + " ms it must come at "
                                + limits.minBytesPerSecond() + " bytes/s or more, and all of it within "
                                + limits.deadline().toSeconds() + " s. Send the body with the headers.",
                        Map.of("Connection", "close")));
    }

    static SlowRequestBody busy(ReadLimits limits) {
        return new SlowRequestBody(
                Reason.BUSY,
                ProblemException.of(
                        503,
                        "busy-receiving",
                        "Service unavailable",
                        "The server is already waiting for " + limits.permits()
                                + " slow request bodies; send the body with the headers, or retry after 1 s",
                        Map.of("Connection", "close", "Retry-After", "1")));
    }

    static SlowRequestBody stopping() {
        return new SlowRequestBody(
                Reason.STOPPING,
                ProblemException.of(
                        503,
                        "stopping",
                        "Service unavailable",
                        "The server is stopping; retry on another instance or after 1 s",
                        Map.of("Connection", "close", "Retry-After", "1")));
    }

    Reason reason() {
        return reason;
    }

    ProblemException answer() {
        return answer;
    }
}
