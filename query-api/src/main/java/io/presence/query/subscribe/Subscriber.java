package io.presence.query.subscribe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.presence.event.EventJson;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One subscription: the ids it follows, what is waiting to be written, and its position in the feed. The feed hands it
 * events without waiting; a drain on the writer pool moves them to the sink as fast as the client reads. More than
 * {@link #QUEUE_LIMIT} events waiting while the client's connection is full means the client cannot keep up: it is
 * dropped, told why, and may resume.
 */
final class Subscriber {
    /**
     * Events waiting for a client that is not reading (its connection cannot take more) before it is dropped: at about
     * 150 bytes each, 150 KB per subscriber.
     */
    static final int QUEUE_LIMIT = 1_000;
    /**
     * Events waiting however it came to be: a burst the writers have not reached yet on a busy machine is not the
     * client's fault, so it gets this much room before the subscriber is dropped anyway (3 MB).
     */
    static final int HARD_QUEUE_LIMIT = 20_000;
    /** Why a subscriber that could not keep up was dropped. */
    static final String SLOW = "slow-subscriber";
    /** How long a dropped subscriber has to read the event saying why before its connection is closed anyway. */
    static final Duration DROP_GRACE = Duration.ofSeconds(5);

    private final Interest interest;
    private final EventSink sink;
    private final Executor writers;
    private final SubscriberEvents events;
    private final AtomicInteger pendingDrains = new AtomicInteger();
    /** Written before anything live: the current statuses, or the events missed while away. */
    private final ArrayDeque<Item> first = new ArrayDeque<>();

    private final ArrayDeque<Item> live = new ArrayDeque<>();
    private FeedPosition cursor;
    /** Live events wait until what comes first (statuses, or the events missed) is queued. */
    private boolean holdingLive;

    private boolean dropped;
    private boolean ended;
    /** Set while the sink has refused a write because the client has not read what went before. */
    private boolean waitingForClient;
    /** Moves on whenever the queues are cleared, so that a batch taken before is not removed after. */
    private long generation;

    /** What a subscriber writes, in order. */
    sealed interface Item {}

    record Change(ChangeEvent event) implements Item {}

    record Status(String json, boolean last) implements Item {}

    record Advance(FeedPosition feed) implements Item {}

    record Dropped(String json) implements Item {}

    record Opened(boolean resumed) implements Item {}

    Subscriber(Interest interest, EventSink sink, Executor writers, SubscriberEvents events) {
        this.interest = interest;
        this.sink = sink;
        this.writers = writers;
        this.events = events;
        this.cursor = FeedPosition.of(Map.of());
    }

    /**
     * Where the subscriber joined the feed: its first event id, and for a resume the start of the events to read back
     * (live events are held until they are written). The client hears an {@code open} event at once.
     */
    void startAt(FeedPosition joinedAt, @Nullable FeedPosition resumeFrom) {
        synchronized (this) {
            cursor = (resumeFrom != null ? resumeFrom : joinedAt).only(interest.partitions());
            holdingLive = true;
            first.add(new Opened(resumeFrom != null));
        }
        signal();
    }

    Interest interest() {
        return interest;
    }

    /** The current statuses, written first; the last carries the position the changes continue from. */
    void snapshot(List<String> statuses) {
        synchronized (this) {
            for (int i = 0; i < statuses.size(); i++) {
                first.add(new Status(statuses.get(i), i == statuses.size() - 1));
            }
            holdingLive = false;
        }
        signal();
    }

    /** The events missed while away, read from the topic; live events follow once they are written. */
    void resumed(List<ChangeEvent> missed) {
        synchronized (this) {
            missed.forEach(event -> first.add(new Change(event)));
            holdingLive = false;
        }
        signal();
    }

    /** A change of a followed user, from the feed thread: never blocks it. */
    void offer(ChangeEvent event) {
        enqueue(new Change(event));
    }

    /** The feed's position, so that an idle subscriber's id moves on and a resume reads little. */
    void offer(FeedPosition feed) {
        enqueue(new Advance(feed));
    }

    private void enqueue(Item item) {
        boolean overflow;
        synchronized (this) {
            if (dropped) {
                return;
            }
            overflow = live.size() >= (waitingForClient ? QUEUE_LIMIT : HARD_QUEUE_LIMIT);
            if (!overflow) {
                live.add(item);
            }
        }
        if (overflow) {
            drop(
                    "slow-subscriber",
                    QUEUE_LIMIT + " events were waiting for this connection: it reads too slowly",
                    true);
            return;
        }
        signal();
    }

    /**
     * Ends the subscription with a last {@code dropped} event saying why; {@code resumable} tells the client whether
     * the last event id it holds can continue. The client's connection is closed after that event, or after a grace
     * period if it does not read even that.
     */
    void drop(String reason, String detail, boolean resumable) {
        synchronized (this) {
            if (dropped) {
                return;
            }
            dropped = true;
            generation++;
            first.clear();
            live.clear();
            first.add(new Dropped(droppedJson(reason, detail, resumable)));
        }
        events.dropped(this, reason);
        signal();
        CompletableFuture.delayedExecutor(DROP_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> end("dropped: " + reason));
    }

    private static String droppedJson(String reason, String detail, boolean resumable) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("reason", reason).put("detail", detail).put("resumable", resumable);
        return body.toString();
    }

    /** The sink can take the next frame. */
    void writable() {
        synchronized (this) {
            waitingForClient = false;
        }
        signal();
    }

    /** The client went away: stop. */
    void gone() {
        synchronized (this) {
            dropped = true;
            ended = true;
            generation++;
            first.clear();
            live.clear();
        }
        events.gone(this);
    }

    private void signal() {
        if (pendingDrains.getAndIncrement() == 0) {
            writers.execute(this::drainLoop);
        }
    }

    /** Runs on one writer at a time; a signal during a pass makes another pass, so none is lost. */
    private void drainLoop() {
        int missed = 1;
        do {
            drain();
            missed = pendingDrains.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        while (true) {
            Batch batch = nextBatch();
            if (batch == null) {
                return;
            }
            if (!batch.text().isEmpty() && !sink.offer(batch.text())) {
                synchronized (this) {
                    waitingForClient = true;
                }
                return; // the sink calls writable() when this batch can go
            }
            synchronized (this) {
                if (generation != batch.generation()) {
                    continue; // dropped meanwhile: the queues were replaced
                }
                ArrayDeque<Item> from = batch.fromFirst() ? first : live;
                for (int i = 0; i < batch.items(); i++) {
                    from.poll();
                }
                cursor = batch.cursor();
            }
            events.written(batch.sent(), batch.items() - batch.sent());
            if (batch.endsStream()) {
                end("dropped");
                return;
            }
        }
    }

    /** Frames for the items waiting, as many as fit the sink's batch, without taking them off the queue yet. */
    private synchronized @Nullable Batch nextBatch() {
        boolean fromFirst = !first.isEmpty() || holdingLive;
        ArrayDeque<Item> from = fromFirst ? first : live;
        if (from.isEmpty() || ended) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        FeedPosition position = cursor;
        int items = 0;
        int sent = 0;
        for (Item item : from) {
            FeedPosition next = nextCursor(item, position);
            String frame = frameOf(item, position, next);
            items++;
            position = next;
            if (frame != null) {
                text.append(frame);
                sent++;
            }
            if (item instanceof Dropped) {
                return new Batch(text.toString(), items, sent, fromFirst, position, generation, true);
            }
            if (text.length() >= sink.batchChars()) {
                break;
            }
        }
        return new Batch(text.toString(), items, sent, fromFirst, position, generation, false);
    }

    /** Frames written in one go and what writing them moves on. */
    private record Batch(
            String text,
            int items,
            int sent,
            boolean fromFirst,
            FeedPosition cursor,
            long generation,
            boolean endsStream) {}

    private static FeedPosition nextCursor(Item item, FeedPosition current) {
        if (item instanceof Change change) {
            return current.after(change.event().partition(), change.event().offset());
        }
        if (item instanceof Advance advance) {
            return current.advancedTo(advance.feed());
        }
        return current;
    }

    private @Nullable String frameOf(Item item, FeedPosition current, FeedPosition next) {
        if (item instanceof Change change) {
            // Already written (a resumed event the feed also delivered): skip it.
            boolean fresh =
                    current.isNew(change.event().partition(), change.event().offset());
            return fresh ? sink.frame("change", next.text(), change.event().json()) : null;
        }
        if (item instanceof Advance) {
            // Written even when nothing moved: it keeps the connection (and proxies on the way) from idling out.
            return sink.frame("keepalive", next.text(), "{}");
        }
        if (item instanceof Opened opened) {
            return sink.frame("open", next.text(), "{\"resumed\":" + opened.resumed() + "}");
        }
        if (item instanceof Status status) {
            return sink.frame("status", status.last() ? next.text() : null, status.json());
        }
        return sink.frame("dropped", null, ((Dropped) item).json());
    }

    /** Ends the stream now, e.g. when the process stops; the client reconnects with its last id. */
    void end(String reason) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        sink.end(reason);
        events.gone(this);
    }

    /** The ids (or everyone) a subscription follows, and the partitions of {@code presence.changes} they live in. */
    record Interest(Set<String> ids, boolean everyone, Set<Integer> partitions) {
        boolean follows(String userId) {
            return everyone || ids.contains(userId);
        }
    }
}
