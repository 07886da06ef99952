package io.presence.query.subscribe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.presence.http.ProblemException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every subscriber of this instance, by followed user. The feed dispatches a poll's events and then its new position
 * under the same lock that registers a subscriber, so a new subscriber either gets an event live or finds it before
 * the position it is given: never neither, which is what makes resuming gap-free.
 */
final class Subscriptions implements SubscriberEvents {
    /** Subscribers one instance holds at most; each may hold {@link Subscriber#QUEUE_LIMIT} events. */
    static final int MAX_SUBSCRIBERS = 10_000;

    private final Map<String, Set<Subscriber>> byUser = new HashMap<>();
    private final Set<Subscriber> everyone = new HashSet<>();
    private final Set<Subscriber> all = new HashSet<>();
    private @Nullable FeedPosition position;
    private final Counter sent;
    private final Counter skipped;
    private final Map<String, Counter> dropped = new HashMap<>();

    Subscriptions(MeterRegistry metrics) {
        for (String reason : List.of(Subscriber.SLOW, CatchUp.CANNOT_RESUME)) {
            dropped.put(
                    reason,
                    Counter.builder("presence.subscribers.dropped")
                            .description("Subscribers dropped, by reason")
                            .tag("reason", reason)
                            .register(metrics));
        }
        Gauge.builder("presence.subscribers", this, Subscriptions::count)
                .description("Open subscriptions (Server-Sent Events and WebSocket)")
                .register(metrics);
        this.sent = Counter.builder("presence.subscribers.events")
                .description("Events written to subscribers")
                .tag("outcome", "sent")
                .register(metrics);
        this.skipped = Counter.builder("presence.subscribers.events")
                .description("Events written to subscribers")
                .tag("outcome", "duplicate_skipped")
                .register(metrics);
    }

    synchronized int count() {
        return all.size();
    }

    /**
     * Adds a subscriber and answers the feed position it joins at: every event before it is in the topic, every event
     * from it on reaches the subscriber live. 503 while the feed is starting or the instance is full.
     */
    synchronized FeedPosition register(Subscriber subscriber) {
        if (position == null) {
            throw ProblemException.unavailable(
                    "feed-starting", "The change feed of this instance is starting; retry in a second", 1);
        }
        if (all.size() >= MAX_SUBSCRIBERS) {
            throw ProblemException.unavailable(
                    "too-many-subscribers",
                    "This instance holds " + MAX_SUBSCRIBERS + " subscriptions; retry, or ask another instance",
                    5);
        }
        all.add(subscriber);
        if (subscriber.interest().everyone()) {
            everyone.add(subscriber);
        } else {
            subscriber
                    .interest()
                    .ids()
                    .forEach(id ->
                            byUser.computeIfAbsent(id, k -> new HashSet<>()).add(subscriber));
        }
        return position;
    }

    /** Hands each event to its followers, then moves the position on; {@code tell} also sends it to everyone. */
    synchronized void dispatch(List<ChangeEvent> events, FeedPosition after, boolean tell) {
        for (ChangeEvent event : events) {
            // Copies: a subscriber dropped on offer leaves these sets at once.
            Set<Subscriber> followers = byUser.get(event.userId());
            if (followers != null) {
                List.copyOf(followers).forEach(subscriber -> subscriber.offer(event));
            }
            if (!everyone.isEmpty()) {
                List.copyOf(everyone).forEach(subscriber -> subscriber.offer(event));
            }
        }
        position = after;
        if (tell) {
            new ArrayList<>(all).forEach(subscriber -> subscriber.offer(after));
        }
    }

    /** Ends every subscription, e.g. when the process stops; clients reconnect with their last id. */
    void endAll(String reason) {
        List<Subscriber> current;
        synchronized (this) {
            current = new ArrayList<>(all);
        }
        current.forEach(subscriber -> subscriber.end(reason));
    }

    @Override
    public void dropped(Subscriber subscriber, String reason) {
        Counter counter = dropped.get(reason);
        if (counter != null) {
            counter.increment();
        }
        gone(subscriber);
    }

    @Override
    public synchronized void gone(Subscriber subscriber) {
        if (!all.remove(subscriber)) {
            return;
        }
        everyone.remove(subscriber);
        for (String id : subscriber.interest().ids()) {
            Set<Subscriber> followers = byUser.get(id);
            if (followers != null && followers.remove(subscriber) && followers.isEmpty()) {
                byUser.remove(id);
            }
        }
    }

    @Override
    public void written(int sentNow, int skippedNow) {
        sent.increment(sentNow);
        skipped.increment(skippedNow);
    }
}
