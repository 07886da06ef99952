package io.presence.stream;

import java.util.List;
import java.util.Set;

/**
 * Computes one partition's {@link OnlineCurve} from its minutes. The count at an instant is the task's total after its
 * newest write less the net changes of every minute from that instant on; so only recent minutes are read, never the
 * whole retention, and no count is kept per heartbeat.
 */
final class PartitionCurve {
    /** One minute of the store: its start and what was written for it. */
    record Minute(long startMs, OnlineMinute written) {}

    private PartitionCurve() {}

    /**
     * @param minutes       the partition's minutes from before {@code fromMs} to now, oldest first
     * @param totalIfQuiet  the users online when no minute was written in that range (nothing changed)
     * @param fromMs        the first point, at a minute's start
     * @param stepMs        the step between points, whole minutes
     * @param points        how many points
     */
    static OnlineCurve of(
            int partition, List<Minute> minutes, long totalIfQuiet, long fromMs, long stepMs, int points) {
        long total = newestTotal(minutes, totalIfQuiet);
        int n = minutes.size();
        // changesFrom[j]: the net change of minutes j..n-1, so the count at the start of minute j is total minus it.
        long[] changesFrom = new long[n + 1];
        for (int j = n - 1; j >= 0; j--) {
            changesFrom[j] = changesFrom[j + 1] + minutes.get(j).written().netChange();
        }
        long[] online = new long[points];
        long[] peak = new long[points];
        int j = 0;
        for (int i = 0; i < points; i++) {
            long pointMs = fromMs + i * stepMs;
            while (j < n && minutes.get(j).startMs() < pointMs) {
                j++;
            }
            online[i] = total - changesFrom[j];
            long highest = online[i];
            for (int k = j; k < n && minutes.get(k).startMs() < pointMs + stepMs; k++) {
                highest = Math.max(
                        highest,
                        total - changesFrom[k] + minutes.get(k).written().highestRise());
            }
            peak[i] = highest;
        }
        return new OnlineCurve(Set.of(partition), online, peak);
    }

    /** The total right after the newest write (the highest sequence number), when any minute was written. */
    private static long newestTotal(List<Minute> minutes, long totalIfQuiet) {
        long newestSeq = Long.MIN_VALUE;
        long total = totalIfQuiet;
        for (Minute minute : minutes) {
            if (minute.written().seq() > newestSeq) {
                newestSeq = minute.written().seq();
                total = minute.written().totalAfter();
            }
        }
        return total;
    }
}
