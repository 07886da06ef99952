package io.presence.query.subscribe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events response written with the servlet API's non-blocking output: a client that stops reading fills
 * its socket, the next write waits for {@link #onWritePossible} instead of holding a thread, and the subscriber's
 * bounded queue decides when it is too slow.
 */
final class SseSink implements EventSink, WriteListener, AsyncListener {
    private final ServletOutputStream out;
    private final CompletableFuture<Void> finished;
    private @Nullable Subscriber subscriber;
    private boolean unflushed;
    private boolean closed;

    /**
     * @param finished completed when the stream ends, which lets the framework complete the response
     */
    SseSink(AsyncContext async, CompletableFuture<Void> finished) throws IOException {
        this.out = async.getResponse().getOutputStream();
        this.finished = finished;
        async.setTimeout(0);
        async.addListener(this);
    }

    /**
     * Starts writing once the subscriber exists: from here on, the container calls {@link #onWritePossible}. The
     * listener is set before the subscriber is known, so the first wake-up is given here rather than lost.
     */
    void attach(Subscriber attached) {
        out.setWriteListener(this);
        synchronized (this) {
            this.subscriber = attached;
        }
        attached.writable();
    }

    @Override
    public String frame(String event, @Nullable String id, String json) {
        return format(event, id, json);
    }

    /** One Server-Sent Events message: the id when there is one, the event's name, its data. */
    static String format(String event, @Nullable String id, String json) {
        StringBuilder frame = new StringBuilder(json.length() + 64);
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        return frame.append("event: ")
                .append(event)
                .append('\n')
                .append("data: ")
                .append(dataLines(json))
                .append("\n\n")
                .toString();
    }

    /** A line break in the data would end the field: each line goes in a data field of its own. */
    private static String dataLines(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            return json;
        }
        return json.replace("\r", "").replace("\n", "\ndata: ");
    }

    /** Joined frames cost one write and one flush: what lets a subscriber keep up with a burst of changes. */
    @Override
    public int batchChars() {
        return 32 * 1024;
    }

    @Override
    public synchronized boolean offer(String frame) {
        if (closed) {
            return true; // nobody reads any more: let the queue empty
        }
        if (subscriber == null) {
            return false; // attach() starts the writes
        }
        try {
            if (!out.isReady() || !flushed()) {
                return false;
            }
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            unflushed = true;
            flushed();
            return true;
        } catch (IOException | IllegalStateException e) {
            fail();
            return true;
        }
    }

    /** Flushes what was written if the output can take it now; false if a write is still under way. */
    private boolean flushed() throws IOException {
        if (unflushed && out.isReady()) {
            unflushed = false;
            out.flush();
        }
        return !unflushed && out.isReady();
    }

    @Override
    public void onWritePossible() throws IOException {
        Subscriber current;
        synchronized (this) {
            if (!flushed()) {
                return;
            }
            current = subscriber;
        }
        if (current != null) {
            current.writable();
        }
    }

    @Override
    public void onError(Throwable error) {
        fail();
    }

    @Override
    public void end(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        finished.complete(null);
    }

    private void fail() {
        Subscriber current;
        synchronized (this) {
            closed = true;
            current = subscriber;
        }
        finished.complete(null);
        if (current != null) {
            current.gone();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        fail();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        fail();
    }

    @Override
    public void onError(AsyncEvent event) {
        fail();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // nothing to do: the stream is set up once
    }
}
