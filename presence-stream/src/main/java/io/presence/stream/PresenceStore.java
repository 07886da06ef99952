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

    /** Users online in the partitions whose tasks are active here; 0 when there are none. */
    long onlineUsersHere();

    /** Every instance of the application, this one included. */
    List<Instance> allInstances();
}
