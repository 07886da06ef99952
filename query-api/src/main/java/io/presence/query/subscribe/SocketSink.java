package io.presence.query.subscribe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presence.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket form of a subscription: each event is a text message {@code {"event":…,"id":…,"data":{…}}}, one in
 * flight at a time, so Jetty never queues more for a slow client than the subscriber's own bounded queue.
 */
final class SocketSink implements EventSink {
    /** Close code for a subscriber dropped or refused: "try again later". */
    static final int TRY_AGAIN_LATER = 1013;

    private final Session session;
    private @Nullable Subscriber subscriber;
    private boolean writing;

    SocketSink(Session session) {
        this.session = session;
    }

    synchronized void attach(Subscriber attached) {
        this.subscriber = attached;
    }

    @Override
    public String frame(String event, @Nullable String id, String json) {
        try {
            ObjectNode message = EventJson.mapper().createObjectNode();
            message.put("event", event);
            if (id != null) {
                message.put("id", id);
            }
            message.set("data", EventJson.mapper().readTree(json));
            return message.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event per message. */
    @Override
    public int batchChars() {
        return 0;
    }

    @Override
    public boolean offer(String frame) {
        synchronized (this) {
            if (writing) {
                return false;
            }
            writing = true;
        }
        session.sendText(frame, Callback.from(this::written, error -> gone()));
        return true;
    }

    private void written() {
        Subscriber current;
        synchronized (this) {
            writing = false;
            current = subscriber;
        }
        if (current != null) {
            current.writable();
        }
    }

    @Override
    public void end(String reason) {
        // A close reason is at most 123 bytes.
        String shortReason = reason.length() > 100 ? reason.substring(0, 100) : reason;
        session.close(reason.startsWith("dropped") ? TRY_AGAIN_LATER : 1001, shortReason, Callback.NOOP);
    }

    /** The client went away or the write failed. */
    void gone() {
        Subscriber current;
        synchronized (this) {
            current = subscriber;
        }
        if (current != null) {
            current.gone();
        }
    }
}
