package io.presence.query.subscribe;

import io.micrometer.core.instrument.MeterRegistry;
import io.presence.event.Topics;
import io.presence.kafka.KafkaSettings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * The machinery behind {@code /subscribe}: the change feed, the registry of subscribers, the pool that writes to them
 * and the catch-up readers for resumes. Started with the process, ended before the HTTP server stops.
 */
public final class LiveChanges implements AutoCloseable {
    /** Threads that move events to clients; writes never block, so two keep up with thousands of subscribers. */
    private static final int WRITERS = 2;

    private final Subscriptions subscriptions;
    private final ChangeFeed feed;
    private final CatchUp catchUp;
    private final int partitionCount;
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, task -> {
        Thread thread = new Thread(task, "subscriber-writer");
        thread.setDaemon(true);
        return thread;
    });

    private LiveChanges(KafkaSettings kafka, int partitionCount, MeterRegistry metrics, Clock clock) {
        this.partitionCount = partitionCount;
        this.subscriptions = new Subscriptions(metrics);
        this.feed = new ChangeFeed(kafka, subscriptions, clock);
        this.catchUp = new CatchUp(kafka);
    }

    /** Starts the feed from the current end of {@code presence.changes}. */
    public static LiveChanges start(KafkaSettings kafka, MeterRegistry metrics, Clock clock) {
        int partitions;
        try (Admin admin = Admin.create(kafka.clientConfig("query-api-change-feed-admin"))) {
            partitions = admin.describeTopics(List.of(Topics.CHANGES))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(Topics.CHANGES)
                    .partitions()
                    .size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + Topics.CHANGES + "'s partitions", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not read " + Topics.CHANGES + "'s partitions: " + e, e);
        }
        LiveChanges live = new LiveChanges(kafka, partitions, metrics, clock);
        live.feed.start();
        return live;
    }

    int partitionCount() {
        return partitionCount;
    }

    /** A subscriber writing to {@code sink}, not yet registered. */
    Subscriber subscriber(SubscriptionRequest request, EventSink sink) {
        return new Subscriber(request.interest(), sink, writers, subscriptions);
    }

    /**
     * Registers the subscriber, then either resumes it from its last event id or hands it the statuses from
     * {@code snapshot}, which runs after registration so that no change falls between the two.
     */
    void join(Subscriber subscriber, SubscriptionRequest request, Snapshot snapshot) {
        FeedPosition joinedAt = subscriptions.register(subscriber);
        subscriber.startAt(joinedAt, request.resumeFrom());
        try {
            if (request.resumeFrom() != null) {
                catchUp.start(subscriber, request.resumeFrom(), joinedAt);
            } else {
                subscriber.snapshot(snapshot.statuses(request.ids()));
            }
        } catch (RuntimeException e) {
            subscriptions.gone(subscriber);
            throw e;
        }
    }

    /** The current statuses of the followed ids, as JSON; may refuse with 503 like any status query. */
    @FunctionalInterface
    interface Snapshot {
        List<String> statuses(List<String> ids);
    }

    /** Ends every subscription ("going away"; clients resume elsewhere), then stops the feed and the pools. */
    @Override
    public void close() {
        subscriptions.endAll("the query-api is stopping; resume with the last event id");
        feed.close();
        catchUp.close();
        writers.shutdown();
    }
}
