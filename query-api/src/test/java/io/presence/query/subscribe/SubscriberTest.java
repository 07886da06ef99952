package io.presence.query.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SubscriberTest {
    private final RecordingSink sink = new RecordingSink();
    private final RecordingEvents events = new RecordingEvents();
    private final Subscriber subscriber = new Subscriber(
            new Subscriber.Interest(Set.of("alice", "bob"), false, Set.of(0, 1)), sink, Runnable::run, events);

    @Test
    void shouldSendTheStatusesFirstWithThePositionOnTheLastThenEachChangeWithItsOwn() {
        subscriber.startAt(FeedPosition.of(Map.of(0, 10L, 1, 20L, 2, 30L)), null);
        subscriber.offer(change(0, 10, "alice"));
        subscriber.snapshot(List.of("{\"user_id\":\"alice\"}", "{\"user_id\":\"bob\"}"));

        assertThat(sink.frames())
                .containsExactly(
                        "open 0-10.1-20 {\"resumed\":false}",
                        "status null {\"user_id\":\"alice\"}",
                        "status 0-10.1-20 {\"user_id\":\"bob\"}",
                        "change 0-11.1-20 alice");
    }

    @Test
    void shouldHoldLiveChangesWhileResumingAndSkipWhatBothDeliver() {
        subscriber.startAt(FeedPosition.of(Map.of(0, 15L, 1, 20L)), FeedPosition.of(Map.of(0, 10L, 1, 20L)));
        subscriber.offer(change(0, 14, "bob")); // the feed had it too, just after joining
        subscriber.offer(change(0, 15, "alice"));
        assertThat(sink.frames()).as("live changes wait for the missed ones").hasSize(1);

        subscriber.resumed(List.of(change(0, 12, "alice"), change(0, 14, "bob")));

        assertThat(sink.frames())
                .containsExactly(
                        "open 0-10.1-20 {\"resumed\":true}",
                        "change 0-13.1-20 alice",
                        "change 0-15.1-20 bob",
                        "change 0-16.1-20 alice");
        assertThat(events.skipped).as("the duplicate was skipped, once").isEqualTo(1);
    }

    @Test
    void shouldLoseNothingWhileTheSinkIsBusy() {
        subscriber.startAt(FeedPosition.of(Map.of(0, 0L, 1, 0L)), null);
        subscriber.snapshot(List.of());
        sink.busy = true;
        subscriber.offer(change(1, 0, "alice"));
        subscriber.offer(change(1, 1, "bob"));
        assertThat(sink.frames()).hasSize(1);
        sink.busy = false;
        subscriber.writable();
        assertThat(sink.frames())
                .containsExactly("open 0-0.1-0 {\"resumed\":false}", "change 0-0.1-1 alice", "change 0-0.1-2 bob");
    }

    @Test
    void shouldDropASubscriberThatFallsTooFarBehindAndSayWhy() {
        subscriber.startAt(FeedPosition.of(Map.of(0, 0L, 1, 0L)), null);
        subscriber.snapshot(List.of());
        sink.busy = true;
        subscriber.offer(change(0, 0, "alice")); // the client is not reading: the sink refuses it
        for (int i = 1; i <= Subscriber.QUEUE_LIMIT; i++) {
            subscriber.offer(change(0, i, "alice"));
        }
        assertThat(events.dropped).containsExactly(Subscriber.SLOW);
        subscriber.offer(change(0, 5000, "alice"));
        sink.busy = false;
        subscriber.writable();
        assertThat(sink.frames()).hasSize(2);
        assertThat(sink.frames().get(1)).startsWith("dropped null {\"reason\":\"slow-subscriber\"");
        assertThat(sink.ended).isTrue();
        assertThat(events.gone).isTrue();
    }

    @Test
    void shouldGiveABurstTheWritersHaveNotReachedMoreRoomThanAClientThatDoesNotRead() {
        Subscriber idle =
                new Subscriber(new Subscriber.Interest(Set.of("alice"), false, Set.of(0)), sink, task -> {}, events);
        idle.startAt(FeedPosition.of(Map.of(0, 0L)), null);
        for (int i = 0; i < Subscriber.HARD_QUEUE_LIMIT; i++) {
            idle.offer(change(0, i, "alice"));
        }
        assertThat(events.dropped).as("the writers are behind, not the client").isEmpty();
        idle.offer(change(0, Subscriber.HARD_QUEUE_LIMIT, "alice"));
        assertThat(events.dropped).containsExactly(Subscriber.SLOW);
    }

    @Test
    void shouldAdvanceAnIdleSubscribersIdWithKeepalives() {
        subscriber.startAt(FeedPosition.of(Map.of(0, 3L, 1, 4L)), null);
        subscriber.snapshot(List.of());
        subscriber.offer(FeedPosition.of(Map.of(0, 9L, 1, 4L, 2, 100L)));
        assertThat(sink.frames()).last().isEqualTo("keepalive 0-9.1-4 {}");
    }

    private static ChangeEvent change(int partition, long offset, String user) {
        return new ChangeEvent(partition, offset, user, user);
    }

    /** Frames as "event id data", one per frame; batches are split back into frames. */
    private static final class RecordingSink implements EventSink {
        private final List<String> written = new ArrayList<>();
        boolean busy;
        boolean ended;

        @Override
        public String frame(String event, @Nullable String id, String json) {
            return event + " " + id + " " + json + "\n";
        }

        @Override
        public int batchChars() {
            return 64;
        }

        @Override
        public boolean offer(String frame) {
            if (busy) {
                return false;
            }
            written.addAll(List.of(frame.split("\n")));
            return true;
        }

        @Override
        public void end(String reason) {
            ended = true;
        }

        List<String> frames() {
            return written;
        }
    }

    private static final class RecordingEvents implements SubscriberEvents {
        final List<String> dropped = new ArrayList<>();
        boolean gone;
        int skipped;

        @Override
        public void dropped(Subscriber subscriber, String reason) {
            dropped.add(reason);
        }

        @Override
        public void gone(Subscriber subscriber) {
            gone = true;
        }

        @Override
        public void written(int sent, int skippedNow) {
            skipped += skippedNow;
        }
    }
}
