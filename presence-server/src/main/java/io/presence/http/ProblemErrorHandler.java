package io.presence.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.presence.event.EventJson;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses — a request line or headers too large, a malformed request — as problem+json like
 * every other error, instead of Jetty's HTML page. These never reach Javalin's routes.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectWriter WRITER = EventJson.mapper().writerFor(Problem.class);

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        drainBody(request);
        // An HTTP version Jetty does not speak (HTTP/9.9, HTTP/0.9, a request line without one) is bad input like any
        // other: 400, never a 5xx.
        int status = code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : code;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        // Jetty closes the connection after these errors, often with the request body unread: say so, so that
        // clients do not reuse it for their next request.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
    }

    /**
     * Reads, without waiting, what the client has already sent (at most {@link HttpServers#MAX_REQUEST_BYTES}) before
     * answering: closing a connection with unread data resets it, and the client would never see this answer. Never
     * waits for more: a client that trickles its body (the read deadline's 408) must not hold this thread.
     */
    private static void drainBody(Request request) {
        try {
            long total = 0;
            for (Content.Chunk chunk = request.read();
                    chunk != null && total < HttpServers.MAX_REQUEST_BYTES;
                    chunk = request.read()) {
                total += chunk.remaining();
                boolean done = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (done) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the request may be unreadable (that can be why we are here): answer anyway
        }
    }

    private static byte[] body(int status) {
        Problem problem = new Problem(Problem.type("http-" + status), reason(status), status, detail(status));
        try {
            return WRITER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serializes", e);
        }
    }

    private static String reason(int status) {
        String reason = HttpStatus.getMessage(status);
        return reason == null ? "Error" : reason;
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP/1.1; check the request line (METHOD /path HTTP/1.1) and headers";
            case 413 -> "The request body is larger than this endpoint accepts";
            case 414 -> "The URL is too long; send long id lists with POST /status/users";
            case 431 ->
                "The request headers are too large; at most " + HttpServers.MAX_HEADER_BYTES + " bytes are accepted";
            case 408 -> "The request was not received in time";
            default -> reason(status);
        };
    }
}
