package io.presence.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as people write them in environment variables: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 7d} or
 * ISO-8601 {@code PT10S}.
 */
public final class Durations {
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Durations() {}

    /** The short way this project writes a duration in messages: {@code 1s}, {@code 500ms}, {@code 36500d}. */
    public static String describe(Duration duration) {
        if (duration.toMillis() % 86_400_000 == 0) {
            return duration.toDays() + "d";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    /** Returns the duration, or throws {@link IllegalArgumentException} with a message fit for a user. */
    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_FORM.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write it like 500ms, 10s, 5m, 7d or PT10S", e);
        }
    }
}
