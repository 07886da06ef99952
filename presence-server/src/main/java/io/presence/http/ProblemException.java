package io.presence.http;

import java.util.Map;

/**
 * A request that ends in a problem response. Thrown anywhere below a route; {@link HttpErrors} turns it into
 * {@code application/problem+json} with the status and headers it carries.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return of(400, slug, title, detail, Map.of());
    }

    public static ProblemException unauthorized(String detail) {
        return of(
                401,
                "unauthorized",
                "Missing or invalid token",
                detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"presence\""));
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Not allowed", detail, Map.of());
    }

    public static ProblemException payloadTooLarge(String detail) {
        return of(413, "payload-too-large", "Request body too large", detail, Map.of());
    }

    public static ProblemException unavailable(String slug, String detail, int retryAfterSeconds) {
        return of(503, slug, "Service unavailable", detail, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    public static ProblemException of(
            int status, String slug, String title, String detail, Map<String, String> headers) {
        return new ProblemException(new Problem(Problem.type(slug), title, status, detail), headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
