package io.presence.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Users online over time in some partitions: at each point, the count at its instant and the peak within its step.
 * Curves of disjoint partitions add up; the same shape goes between instances as JSON.
 *
 * @param partitions the heartbeat partitions counted
 * @param online     the count at each point's instant
 * @param peak       the highest count within each point's step; a sum of per-partition peaks, so it never falls below
 *                   the real peak and exceeds it only by users of different partitions peaking at different moments
 */
public record OnlineCurve(
        @JsonProperty("partitions") Set<Integer> partitions,
        @JsonProperty("online") long[] online,
        @JsonProperty("peak") long[] peak) {
    public OnlineCurve {
        partitions = Set.copyOf(partitions);
    }

    /** No partition counted yet. */
    public static OnlineCurve none(int points) {
        return new OnlineCurve(Set.of(), new long[points], new long[points]);
    }

    /** This curve and another of disjoint partitions, added. */
    public OnlineCurve plus(OnlineCurve other) {
        if (other.online.length != online.length) {
            throw new IllegalArgumentException(
                    "curves of different lengths: " + online.length + " and " + other.online.length);
        }
        Set<Integer> both = new HashSet<>(partitions);
        both.addAll(other.partitions);
        long[] sumOnline = online.clone();
        long[] sumPeak = peak.clone();
        for (int i = 0; i < sumOnline.length; i++) {
            sumOnline[i] += other.online[i];
            sumPeak[i] += other.peak[i];
        }
        return new OnlineCurve(both, sumOnline, sumPeak);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnlineCurve curve
                && partitions.equals(curve.partitions)
                && Arrays.equals(online, curve.online)
                && Arrays.equals(peak, curve.peak);
    }

    @Override
    public int hashCode() {
        return 31 * partitions.hashCode() + 17 * Arrays.hashCode(online) + Arrays.hashCode(peak);
    }

    @Override
    public String toString() {
        return "OnlineCurve[partitions=" + partitions + ", online=" + Arrays.toString(online) + ", peak="
                + Arrays.toString(peak) + "]";
    }
}
