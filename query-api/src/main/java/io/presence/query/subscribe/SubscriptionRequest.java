package io.presence.query.subscribe;

import io.presence.auth.Caller;
import io.presence.auth.Scope;
import io.presence.http.ProblemException;
import io.presence.query.status.StatusQueries;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code GET /subscribe}: the ids followed (or everyone) and where to resume, if anywhere. Every mistake is a
 * 4xx problem before anything is streamed.
 */
record SubscriptionRequest(
        Subscriber.Interest interest,
        List<String> ids,
        @Nullable FeedPosition resumeFrom) {

    /**
     * @param ids the {@code ids} parameter, or null
     * @param all the {@code all} parameter, or null
     * @param lastEventId the {@code Last-Event-ID} header or, when absent, the {@code last_event_id} parameter
     */
    static SubscriptionRequest of(
            Caller caller,
            @Nullable String ids,
            @Nullable String all,
            @Nullable String lastEventId,
            int partitionCount) {
        boolean everyone = all != null;
        if (everyone && !"true".equals(all)) {
            throw invalid("all must be 'true' (or left out and ids given)");
        }
        if (everyone == (ids != null)) {
            throw invalid("Give either ids=u1,u2 (up to " + StatusQueries.MAX_IDS + ") or all=true");
        }
        if (everyone && !caller.hasScope(Scope.READ)) {
            throw ProblemException.forbidden(
                    "Following every user needs a token with scope '" + Scope.READ + "'; or follow ids=…");
        }
        List<String> followed = everyone ? List.of() : StatusQueries.fromQueryParameter(ids);
        Set<Integer> partitions = new TreeSet<>();
        if (everyone) {
            for (int p = 0; p < partitionCount; p++) {
                partitions.add(p);
            }
        } else {
            followed.forEach(id -> partitions.add(partitionOf(id, partitionCount)));
        }
        Subscriber.Interest interest =
                new Subscriber.Interest(Set.copyOf(new LinkedHashSet<>(followed)), everyone, Set.copyOf(partitions));
        FeedPosition resumeFrom = null;
        if (lastEventId != null) {
            resumeFrom = FeedPosition.parse(lastEventId, partitionCount);
            if (!resumeFrom.next().keySet().equals(partitions)) {
                throw ProblemException.badRequest(
                        "invalid-last-event-id",
                        "Invalid Last-Event-ID",
                        "The last event id belongs to a subscription of other ids; resume with the ids it was for, "
                                + "or subscribe afresh without it");
            }
        }
        return new SubscriptionRequest(interest, followed, resumeFrom);
    }

    /** The partition of {@code presence.changes} that holds a user's changes: Kafka's default, by key. */
    static int partitionOf(String userId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid-subscription", "Invalid subscription", detail);
    }
}
