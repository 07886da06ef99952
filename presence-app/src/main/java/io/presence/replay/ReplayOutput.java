package io.presence.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.presence.event.EventJson;
import io.presence.event.PresenceChange;
import io.presence.event.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where a replay writes what it found: sessions, or transitions in the shape of {@code presence.changes}, as CSV or
 * JSON lines. Every session also goes to the summary, whichever is written.
 */
final class ReplayOutput {
    /** What a replay writes. */
    enum Emit {
        SESSIONS,
        CHANGES
    }

    /** How it writes it. */
    enum Format {
        CSV,
        JSONL
    }

    private static final ObjectWriter JSON = EventJson.mapper().writer();

    private final Writer out;
    private final Emit emit;
    private final Format format;
    private final Consumer<Session> summary;

    ReplayOutput(Writer out, Emit emit, Format format, Consumer<Session> summary) {
        this.out = out;
        this.emit = emit;
        this.format = format;
        this.summary = summary;
        if (format == Format.CSV) {
            write(emit == Emit.SESSIONS ? "user_id,start,end,duration_ms\n" : "user_id,status,at,last_seen\n");
        }
    }

    /** A session as JSON: the contract's shape for history, with the user. */
    @JsonPropertyOrder({"user_id", "start", "end"})
    record SessionLine(
            @JsonProperty("user_id") String userId,

            @JsonProperty("start") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            Instant start,

            @JsonProperty("end") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            Instant end) {}

    void session(Session session) {
        summary.accept(session);
        if (emit != Emit.SESSIONS) {
            return;
        }
        if (format == Format.JSONL) {
            json(new SessionLine(session.userId(), instant(session.startMs()), instant(session.endMs())));
            return;
        }
        Long startMs = session.startMs();
        Long endMs = session.endMs();
        write(session.userId() + "," + text(startMs) + "," + text(endMs) + ","
                + (startMs != null && endMs != null ? Long.toString(endMs - startMs) : "") + "\n");
    }

    void online(String userId, long atMs) {
        change(PresenceChange.online(userId, Instant.ofEpochMilli(atMs)));
    }

    void offline(String userId, long lastSeenMs, long atMs) {
        change(PresenceChange.offline(userId, Instant.ofEpochMilli(lastSeenMs), Instant.ofEpochMilli(atMs)));
    }

    private void change(PresenceChange change) {
        if (emit != Emit.CHANGES) {
            return;
        }
        if (format == Format.JSONL) {
            json(change);
            return;
        }
        write(change.userId() + "," + change.status().wireName() + "," + Timestamps.format(change.at()) + ","
                + Timestamps.format(change.lastSeen()) + "\n");
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void json(Object line) {
        try {
            write(JSON.writeValueAsString(line) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Instant instant(@Nullable Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private static String text(@Nullable Long ms) {
        return ms == null ? "" : Timestamps.format(Instant.ofEpochMilli(ms));
    }
}
