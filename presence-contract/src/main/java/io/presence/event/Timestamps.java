package io.presence.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The contract's time format: UTC, ISO-8601, always with milliseconds ({@code 2026-12-01T02:20:00.123Z}). */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Accepts any ISO-8601 instant; precision finer than a millisecond is dropped. */
    public static Instant parse(String text) {
        return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
    }
}
