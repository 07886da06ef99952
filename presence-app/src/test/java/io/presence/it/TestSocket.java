package io.presence.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests (the JDK's): keeps the text messages it receives and how it was closed. */
final class TestSocket implements WebSocket.Listener {
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closeReason = "";
    private WebSocket socket;

    static TestSocket open(HttpClient client, String url) {
        TestSocket listener = new TestSocket();
        try {
            listener.socket = client.newWebSocketBuilder()
                    .buildAsync(URI.create(url), listener)
                    .get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedWith.complete(-1);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The close code the server sent, once it closed; not done while open. */
    CompletableFuture<Integer> closedWith() {
        return closedWith;
    }

    String closeReason() {
        return closeReason;
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    /** Drops the TCP connection without a close frame, as a phone losing its network would. */
    void abort() {
        socket.abort();
    }
}
