package io.presence.query.subscribe;

import io.presence.http.ProblemException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A position in {@code presence.changes}: for each partition, the offset of the next record to read. It is the id of
 * every event a subscriber receives, written {@code 0-1234.5-99} (partition-offset pairs), and what a client sends back
 * as {@code Last-Event-ID} to continue where it left off.
 */
record FeedPosition(SortedMap<Integer, Long> next) {
    private static final int MAX_TEXT = 4096;

    FeedPosition {
        next = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(next));
    }

    static FeedPosition of(Map<Integer, Long> next) {
        return new FeedPosition(new TreeMap<>(next));
    }

    /** The same position, for these partitions only. */
    FeedPosition only(java.util.Set<Integer> partitions) {
        TreeMap<Integer, Long> kept = new TreeMap<>();
        partitions.forEach(p -> {
            Long offset = next.get(p);
            if (offset != null) {
                kept.put(p, offset);
            }
        });
        return new FeedPosition(kept);
    }

    /** The position just past the record at {@code offset}, if that is further on; otherwise this one. */
    FeedPosition after(int partition, long offset) {
        Long current = next.get(partition);
        if (current == null || current > offset) {
            return this;
        }
        TreeMap<Integer, Long> moved = new TreeMap<>(next);
        moved.put(partition, offset + 1);
        return new FeedPosition(moved);
    }

    /** Each partition moved on to {@code feed}'s offset where that is further; partitions not held stay out. */
    FeedPosition advancedTo(FeedPosition feed) {
        TreeMap<Integer, Long> moved = new TreeMap<>(next);
        moved.replaceAll((p, offset) -> Math.max(offset, feed.next.getOrDefault(p, offset)));
        return new FeedPosition(moved);
    }

    /** Whether the record at {@code offset} of {@code partition} comes at or after this position. */
    boolean isNew(int partition, long offset) {
        Long current = next.get(partition);
        return current != null && offset >= current;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        next.forEach((p, offset) ->
                text.append(text.length() == 0 ? "" : ".").append(p).append('-').append(offset));
        return text.toString();
    }

    /** Reads a client's {@code Last-Event-ID}; a 400 problem names what is wrong with it. */
    static FeedPosition parse(String text, int partitionCount) {
        if (text.length() > MAX_TEXT || text.isBlank()) {
            throw invalid("it is empty or too long");
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        for (String pair : text.split("\\.", -1)) {
            int dash = pair.indexOf('-');
            try {
                int partition = Integer.parseInt(pair.substring(0, Math.max(dash, 0)));
                long offset = Long.parseLong(pair.substring(dash + 1));
                if (partition < 0 || partition >= partitionCount || offset < 0 || next.put(partition, offset) != null) {
                    throw invalid("'" + pair + "' names no partition of presence.changes, or one twice");
                }
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw invalid("'" + pair + "' is not partition-offset");
            }
        }
        return new FeedPosition(next);
    }

    private static ProblemException invalid(String why) {
        return ProblemException.badRequest(
                "invalid-last-event-id",
                "Invalid Last-Event-ID",
                "The last event id must be the id of an event this endpoint sent (like 0-1234.5-99); " + why);
    }
}
