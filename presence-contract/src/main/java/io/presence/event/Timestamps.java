package io.presence.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The contract's time format: UTC, ISO-8601, always with milliseconds ({@code 2026-12-01T02:20:00.123Z}).
 *
 * <p>Every heartbeat and change carries one, so both directions have a fast path for that exact form that writes and
 * reads the digits where they stand; anything else (years past 9999, other ISO-8601 forms) goes through
 * {@link DateTimeFormatter}, with the same results.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int LENGTH = "2026-12-01T02:20:00.123Z".length();
    /** 0000-01-01 to 9999-12-31: four-digit years, the only ones the fast paths handle. */
    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;

    private static final long END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private Timestamps() {}

    /** 9999-12-31T23:59:59.999Z, the last instant written with a four-digit year. */
    public static final long LATEST_WRITABLE_MS = 253_402_300_799_999L;

    /**
     * Whether an instant can be written in the contract's format (from 1970 to year 9999): a heartbeat record with any
     * other time is skipped, live and in a replay alike.
     */
    public static boolean isWritable(long epochMs) {
        return epochMs >= 0 && epochMs <= LATEST_WRITABLE_MS;
    }

    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < FIRST_SECOND || second >= END_SECOND) {
            return FORMAT.format(instant);
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(second, instant.getNano(), ZoneOffset.UTC);
        char[] text = new char[LENGTH];
        put(text, 0, time.getYear(), 4);
        text[4] = '-';
        put(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, time.getHour(), 2);
        text[13] = ':';
        put(text, 14, time.getMinute(), 2);
        text[16] = ':';
        put(text, 17, time.getSecond(), 2);
        text[19] = '.';
        put(text, 20, time.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code count} decimal digits, leading zeros included. */
    private static void put(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Accepts any ISO-8601 instant; precision finer than a millisecond is dropped. */
    public static Instant parse(String text) {
        Instant exact = parseCanonical(text);
        return exact != null ? exact : Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The instant of a text in exactly the contract's form, or null when it is in any other. */
    private static Instant parseCanonical(String text) {
        if (text.length() != LENGTH
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(
                    epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Whether the 24 ASCII bytes from {@code from} hold an instant in exactly the contract's form that
     * {@link #parse} reads on its fast path; decided without allocating.
     */
    static boolean isCanonical(byte[] text, int from) {
        if (from + LENGTH > text.length
                || text[from + 4] != '-'
                || text[from + 7] != '-'
                || text[from + 10] != 'T'
                || text[from + 13] != ':'
                || text[from + 16] != ':'
                || text[from + 19] != '.'
                || text[from + 23] != 'Z') {
            return false;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        int millis = digits(text, from + 20, 3);
        return (year | month | day | hour | minute | second | millis) >= 0
                && hour <= 23
                && minute <= 59
                && second <= 59
                && month >= 1
                && month <= 12
                && day >= 1
                && day <= YearMonth.of(year, month).lengthOfMonth();
    }

    private static int digits(byte[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The number written in {@code count} ASCII digits from {@code from}, or -1 if any is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
