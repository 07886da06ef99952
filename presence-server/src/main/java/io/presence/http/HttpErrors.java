package io.presence.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.presence.event.EventJson;
import io.presence.user.InvalidUserIdException;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: our {@link ProblemException}s, invalid user ids, Javalin's own
 * 404/405/413 and anything unexpected, always as {@code application/problem+json} and never with internals in the body.
 */
public final class HttpErrors {
    private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);
    /** The request attribute that names the problem a response carried, for metrics. */
    static final String PROBLEM_ATTRIBUTE = "presence.problem";

    private static final ObjectWriter PROBLEM_WRITER = EventJson.mapper().writerFor(Problem.class);

    private HttpErrors() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ProblemException.class, (e, ctx) -> write(ctx, e.problem(), e.headers()));
        config.routes.exception(InvalidUserIdException.class, (e, ctx) -> {
            ProblemException invalid =
                    ProblemException.badRequest("invalid-user-id", "Invalid user id", e.getMessage());
            write(ctx, invalid.problem(), invalid.headers());
        });
        config.routes.exception(HttpResponseException.class, HttpErrors::fromJavalin);
        config.routes.exception(Exception.class, (e, ctx) -> {
            SlowRequestBody slow = slowBody(e);
            if (slow != null) {
                write(ctx, slow.answer().problem(), slow.answer().headers());
                return;
            }
            if (unreadableRequest(e)) {
                write(
                        ctx,
                        new Problem(
                                Problem.type("malformed-request"),
                                "Malformed request",
                                400,
                                "The request body could not be read: check its framing"
                                        + " (Content-Length or chunked encoding)"),
                        Map.of("Connection", "close"));
                return;
            }
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(
                    ctx,
                    new Problem(
                            Problem.type("internal"),
                            "Internal error",
                            500,
                            "The server failed to handle this request; it has been logged. Try again later."),
                    Map.of());
        });
    }

    /**
     * Whether reading the request failed on the client's side: a body Jetty refused as malformed (a bad chunk size,
     * a body shorter than announced) or a connection that broke while it was read.
     */
    private static boolean unreadableRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500
                    || t instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    /** The body guard's verdict, when that is why reading the request failed. */
    private static SlowRequestBody slowBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SlowRequestBody slow) {
                return slow;
            }
        }
        return null;
    }

    /** Writes a problem response; public so that handlers outside the exception path (async failures) share it. */
    public static void write(Context ctx, Problem problem, Map<String, String> headers) {
        ctx.attribute(PROBLEM_ATTRIBUTE, problem.type().substring(problem.type().lastIndexOf(':') + 1));
        headers.forEach(ctx::header);
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(serialize(problem));
    }

    private static void fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status == HttpStatus.METHOD_NOT_ALLOWED.getCode()) {
            String allowed = allowedMethods(e.getDetails());
            write(
                    ctx,
                    new Problem(
                            Problem.type("method-not-allowed"),
                            "Method not allowed",
                            status,
                            ctx.method() + " is not supported on " + ctx.path() + "; use " + allowed),
                    Map.of("Allow", allowed));
        } else if (status == HttpStatus.NOT_FOUND.getCode()) {
            write(
                    ctx,
                    new Problem(
                            Problem.type("not-found"),
                            "Not found",
                            status,
                            "No resource at " + ctx.path() + "; see /openapi.json for the API"),
                    Map.of());
        } else if (status == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            ProblemException tooLarge = ProblemException.payloadTooLarge(
                    "The request body is larger than " + HttpServers.MAX_REQUEST_BYTES / 1024 + " KiB");
            write(ctx, tooLarge.problem(), tooLarge.headers());
        } else {
            HttpStatus known = HttpStatus.forStatus(status);
            write(
                    ctx,
                    new Problem(Problem.type("http-" + status), known.getMessage(), status, known.getMessage()),
                    Map.of());
        }
    }

    private static String allowedMethods(Map<String, String> details) {
        String fromDetails = details.getOrDefault("availableMethods", "");
        if (!fromDetails.isBlank()) {
            return fromDetails.replaceAll("[\\[\\]]", "").trim();
        }
        return details.keySet().stream().collect(Collectors.joining(", "));
    }

    private static byte[] serialize(Problem problem) {
        try {
            return PROBLEM_WRITER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem record always serializes", e);
        }
    }
}
