package io.presence.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads configuration variables: a system property of the same name wins over the environment variable.
 * Each typed getter validates and throws {@link ConfigException} naming the variable.
 */
public final class Env {
    private final Function<String, String> lookup;

    private Env(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    /** The process's system properties over its environment. */
    public static Env system() {
        return new Env(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    /** Only the given values; for tests and for processes started in-process by dev mode. */
    public static Env of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new Env(copy::get);
    }

    /** These values over this environment. */
    public Env withOverrides(Map<String, String> overrides) {
        Map<String, String> copy = new HashMap<>(overrides);
        return new Env(name -> copy.containsKey(name) ? copy.get(name) : lookup.apply(name));
    }

    /** The raw value when set and not blank. */
    public Optional<String> optional(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name, String hint) {
        return optional(name).orElseThrow(() -> new ConfigException(name, "is not set; " + hint));
    }

    /** A TCP port; 0 asks the operating system for a free one. */
    public int port(String name, int defaultValue) {
        return intInRange(name, defaultValue, 0, 65_535);
    }

    public int intInRange(String name, int defaultValue, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException(
                        name, raw.get() + " is out of range; use a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    name, "'" + raw.get() + "' is not a whole number; use one from " + min + " to " + max);
        }
    }

    /** A host name or IPv4/IPv6 literal, as used in URLs and bind addresses. */
    public String host(String name, String defaultValue) {
        String value = string(name, defaultValue);
        if (!value.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]+]?")) {
            throw new ConfigException(name, "'" + value + "' is not a host name or IP address");
        }
        return value;
    }

    /** A directory that exists (it is created when missing) and can be written. */
    public Path writableDirectory(String name, String defaultValue) {
        Path dir = Path.of(string(name, defaultValue));
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(
                    name, "cannot create directory " + dir.toAbsolutePath() + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException(name, "directory " + dir.toAbsolutePath() + " is not writable");
        }
        return dir;
    }

    /** A strictly positive duration. */
    public Duration duration(String name, Duration defaultValue) {
        return durationInRange(name, defaultValue, Duration.ofMillis(1), Duration.ofDays(36_500));
    }

    /** A duration from {@code min} to {@code max}, both included; outside them, a message that names the range. */
    public Duration durationInRange(String name, Duration defaultValue, Duration min, Duration max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = Durations.parse(raw.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, e.getMessage());
        }
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(name, "'" + raw.get() + "' must be longer than zero");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(
                    name,
                    "'" + raw.get() + "' is outside " + Durations.describe(min) + " to " + Durations.describe(max));
        }
        return value;
    }
}
