package io.presence.query.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.presence.auth.TokenVerifier;
import io.presence.user.UserIds;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /status/user/{id}}, {@code GET /status/users?ids=} and {@code POST /status/users}; any valid token may
 * read.
 */
public final class StatusRoutes {
    private final TokenVerifier tokens;
    private final StatusReader reader;
    private final Clock clock;
    private final PastStatus pastStatus;

    public StatusRoutes(TokenVerifier tokens, StatusReader reader, Clock clock, PastStatus pastStatus) {
        this.tokens = tokens;
        this.reader = reader;
        this.clock = clock;
        this.pastStatus = pastStatus;
    }

    /** Answers {@code GET /status/user/{id}?at=}, the status at a past instant, from the history. */
    @FunctionalInterface
    public interface PastStatus {
        void answer(Context ctx, String userId, String at);
    }

    /** The body of a batch answer. */
    record Users(@JsonProperty("users") List<UserStatus> users) {}

    /** The body of {@code GET /stats}. */
    record Stats(
            @JsonProperty("online") long online,
            @JsonProperty("as_of") Instant asOf) {}

    public void install(JavalinConfig config) {
        config.routes.get("/status/user/{user_id}", this::single);
        config.routes.get("/stats", this::stats);
        config.routes.get("/status/users", ctx -> {
            tokens.verify(ctx.header("Authorization"));
            answer(ctx, StatusQueries.fromQueryParameter(ctx.queryParam("ids")));
        });
        config.routes.post("/status/users", ctx -> {
            tokens.verify(ctx.header("Authorization"));
            answer(ctx, StatusQueries.fromBody(ctx.bodyAsBytes()));
        });
    }

    private void stats(Context ctx) {
        tokens.verify(ctx.header("Authorization"));
        Instant asOf = clock.instant();
        ctx.json(new Stats(reader.onlineAcrossCluster(), asOf));
    }

    private void single(Context ctx) {
        tokens.verify(ctx.header("Authorization"));
        String userId = UserIds.requireValid(ctx.pathParam("user_id"));
        String at = ctx.queryParam("at");
        if (at != null) {
            pastStatus.answer(ctx, userId, at);
            return;
        }
        ctx.json(reader.read(List.of(userId)).get(0));
    }

    private void answer(Context ctx, List<String> userIds) {
        ctx.json(new Users(reader.read(userIds)));
    }
}
