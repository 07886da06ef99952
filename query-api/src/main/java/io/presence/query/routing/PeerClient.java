package io.presence.query.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presence.auth.PeerTokens;
import io.presence.event.EventJson;
import io.presence.stream.Instance;
import io.presence.stream.OnlineCurve;
import io.presence.stream.Seen;
import io.presence.stream.UserHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks other query-api instances over one pooled keep-alive HTTP client, each call with a fresh {@link PeerTokens peer
 * token}.
 */
public final class PeerClient implements Peers {
    private static final ObjectMapper JSON = EventJson.mapper();
    private final HttpClient http;
    private final PeerTokens tokens;
    private final Duration timeout;

    public PeerClient(PeerTokens tokens, Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.tokens = tokens;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Map<String, Seen>> lastSeen(Instance peer, List<String> userIds, boolean allowStandby) {
        byte[] body = write(new PeerMessages.LastSeenQuery(userIds));
        HttpRequest request = request(peer, "/internal/last-seen?standby=" + allowStandby)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .build();
        return send(request, PeerMessages.LastSeenAnswer.class).thenApply(PeerMessages.LastSeenAnswer::users);
    }

    @Override
    public CompletableFuture<Long> onlineUsers(Instance peer) {
        return send(request(peer, "/internal/online").GET().build(), PeerMessages.OnlineAnswer.class)
                .thenApply(PeerMessages.OnlineAnswer::online);
    }

    @Override
    public CompletableFuture<UserHistory> history(
            Instance peer, String userId, long fromMs, long toMs, boolean allowStandby) {
        // User ids need no escaping: their alphabet is safe in a query string.
        String path = "/internal/history?id=" + userId + "&from=" + fromMs + "&to=" + toMs + "&standby=" + allowStandby;
        return send(request(peer, path).GET().build(), UserHistory.class);
    }

    @Override
    public CompletableFuture<OnlineCurve> onlineCurve(Instance peer, long fromMs, long stepMs, int points) {
        String path = "/internal/online-curve?from=" + fromMs + "&step=" + stepMs + "&points=" + points;
        return send(request(peer, path).GET().build(), OnlineCurve.class);
    }

    private HttpRequest.Builder request(Instance peer, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + peer + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + tokens.issue());
    }

    private <T> CompletableFuture<T> send(HttpRequest request, Class<T> answer) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new PeerUnavailableException(request.uri().getAuthority() + " answered " + response.statusCode());
            }
            try {
                return JSON.readValue(response.body(), answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A peer that could not answer (down, rebalancing, or not owning the keys any more). */
    public static final class PeerUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PeerUnavailableException(String message) {
            super(message);
        }
    }
}
