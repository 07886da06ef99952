package io.presence.session;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Online users ordered by the instant they are due to be checked, kept in memory and rebuilt from {@code online-users}
 * when a task starts. The offline detector takes only entries already due, one at a time, never copying a range.
 *
 * <p>An entry may be early: heartbeats do not move it (that would double the work of every heartbeat). When an
 * early entry comes due, the detector re-reads the user's real deadline and puts the entry back there.
 */
public final class DeadlineIndex {
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparingLong(Entry::deadlineMs));

    /** This user is due to be checked at this deadline. */
    public record Entry(long deadlineMs, String userId) {}

    public void add(String userId, long deadlineMs) {
        queue.add(new Entry(deadlineMs, userId));
    }

    /** Removes and returns the earliest entry if its deadline lies strictly before {@code horizonMs}, else null. */
    @Nullable
    public Entry pollDueBefore(long horizonMs) {
        Entry earliest = queue.peek();
        if (earliest == null || earliest.deadlineMs() >= horizonMs) {
            return null;
        }
        return queue.poll();
    }

    /** The earliest deadline in the index, or {@code Long.MAX_VALUE} when it is empty. */
    public long earliestDeadlineMs() {
        Entry earliest = queue.peek();
        return earliest == null ? Long.MAX_VALUE : earliest.deadlineMs();
    }

    public int size() {
        return queue.size();
    }
}
