package io.presence.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written JSON for the two documents written once per heartbeat or per change, byte for byte as Jackson writes
 * them, so that the hot paths neither reflect nor format dates through {@link java.time.format.DateTimeFormatter}.
 * Each method answers null when the input is not in that exact form (a user id that needs escaping, other field order,
 * white space, unknown fields): {@link JsonSerde} then uses Jackson, with the same results.
 */
final class EventCodec {
    private static final String HEARTBEAT_START = "{\"user_id\":\"";
    private static final String HEARTBEAT_TS = "\",\"ts\":\"";
    private static final String END = "\"}";
    private static final int TIMESTAMP_LENGTH = 24;

    private EventCodec() {}

    static byte @Nullable [] writeHeartbeat(Heartbeat heartbeat) {
        if (!plain(heartbeat.userId())) {
            return null;
        }
        return (HEARTBEAT_START + heartbeat.userId() + HEARTBEAT_TS + Timestamps.format(heartbeat.ts()) + END)
                .getBytes(StandardCharsets.UTF_8);
    }

    static @Nullable Heartbeat readHeartbeat(byte[] json) {
        int idEnd = plainIdEnd(json);
        if (idEnd < 0) {
            return null;
        }
        int idStart = HEARTBEAT_START.length();
        String userId = new String(json, idStart, idEnd - idStart, StandardCharsets.US_ASCII);
        String ts = new String(json, idEnd + HEARTBEAT_TS.length(), TIMESTAMP_LENGTH, StandardCharsets.US_ASCII);
        try {
            return new Heartbeat(userId, Timestamps.parse(ts));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether {@link #readHeartbeat} would read this document, decided without allocating: the fast form with a
     * timestamp of a real date and time. False says nothing; the caller then asks Jackson.
     */
    static boolean isPlainHeartbeat(byte[] json) {
        int idEnd = plainIdEnd(json);
        return idEnd >= 0 && Timestamps.isCanonical(json, idEnd + HEARTBEAT_TS.length());
    }

    /** Where the user id ends in a heartbeat of exactly the fast form with a plain id; -1 for any other document. */
    private static int plainIdEnd(byte[] json) {
        int idStart = HEARTBEAT_START.length();
        int idEnd = json.length - HEARTBEAT_TS.length() - TIMESTAMP_LENGTH - END.length();
        if (idEnd <= idStart
                || !at(json, 0, HEARTBEAT_START)
                || !at(json, idEnd, HEARTBEAT_TS)
                || !at(json, json.length - END.length(), END)) {
            return -1;
        }
        for (int i = idStart; i < idEnd; i++) {
            if (!plain((char) (json[i] & 0xff))) {
                return -1;
            }
        }
        return idEnd;
    }

    static byte @Nullable [] writeChange(PresenceChange change) {
        if (!plain(change.userId())) {
            return null;
        }
        return ("{\"user_id\":\"" + change.userId() + "\",\"status\":\""
                        + change.status().wireName() + "\",\"at\":\"" + text(change.at()) + "\",\"last_seen\":\""
                        + text(change.lastSeen()) + END)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Instant instant) {
        return Timestamps.format(instant);
    }

    /** Printable ASCII that JSON writes as is: no quote, no backslash, no control character. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!plain(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }

    private static boolean at(byte[] json, int offset, String expected) {
        if (offset < 0 || offset + expected.length() > json.length) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (json[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
