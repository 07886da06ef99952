package io.presence.stream;

import java.util.List;
import java.util.Map;

/**
 * What status queries may ask of the presence state hosted in this process: where a user's state lives, what the local
 * copies know, and how many users are online here. Every method throws {@link StateUnavailableException} while the
 * answer cannot be given here.
 */
public interface PresenceStore {
    /** This instance, as the others reach it. */
    Instance self();

    /** Where this user's state lives now. */
    KeyPlacement placementOf(String userId);

    /**
     * What the copies hosted here know of these users, grouped by partition. The active task of a partition answers,
     * and may prove offline once it has caught up with the heartbeat log; with {@code allowStandby}, a standby or
     * restoring copy answers too, but only while it is nearly up to date, and it proves nothing offline.
     */
    Map<String, Seen> lastSeenHere(Map<Integer, List<String>> idsByPartition, boolean allowStandby);

    /**
     * The sessions of this user overlapping {@code [fromMs, toMs]} that the copy of its partition hosted here knows:
     * the active task's, or with {@code allowStandby} an up-to-date copy (which proves no session over).
     */
    UserHistory historyHere(String userId, int partition, long fromMs, long toMs, boolean allowStandby);

    /**
     * Users online over time in the partitions whose tasks are active here: {@code points} points {@code stepMs} apart
     * from {@code fromMs}, a minute's start; the curve names the partitions it counts.
     */
    OnlineCurve onlineCurveHere(long fromMs, long stepMs, int points);

    /** How many partitions the heartbeat topic has: a curve of the whole cluster counts them all. */
    int partitionCount();

    /** Users online in the partitions whose tasks are active here; 0 when there are none. */
    long onlineUsersHere();

    /** Every instance of the application, this one included. */
    List<Instance> allInstances();
}
