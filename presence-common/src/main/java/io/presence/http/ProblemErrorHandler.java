package io.presence.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.presence.event.EventJson;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
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
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
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
            case 400 -> "The request is not valid HTTP; check the request line and headers";
            case 413 -> "The request body is larger than this endpoint accepts";
            case 414 -> "The URL is too long; send long id lists with POST /status/users";
            case 431 -> "The request headers are too large; at most " + HttpServers.MAX_HEADER_BYTES + " bytes are accepted";
            case 408 -> "The request was not received in time";
            default -> reason(status);
        };
    }
}
