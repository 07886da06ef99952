package io.presence.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.presence.event.Topics;
import io.presence.session.LastSeen;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The presence topology running in this process under Kafka Streams: its lifecycle, its metrics, and the typed reads
 * over its stores that status queries use. Nothing outside this module sees Kafka Streams, its stores or its
 * exceptions; a read that cannot be answered here throws {@link StateUnavailableException}.
 */
public final class PresenceEngine implements PresenceStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PresenceEngine.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** A standby copy answers queries only while it is at most this many records behind. */
    static final long MAX_STANDBY_LAG = 100;
    /**
     * How long a query may wait for an active task a moment behind the log before its {@code offline} answers become a
     * 503; well within the time an instance asking this one waits for its peers.
     */
    static final Duration OFFLINE_PROOF_WAIT = Duration.ofSeconds(1);
    /**
     * How far before a curve's first point its minutes are read for the newest write: an offline is written in the
     * minute of its instant, at most this long after it under any load an instance keeps up with.
     */
    static final Duration CURVE_LOOKBACK = Duration.ofHours(1);

    private final EngineSettings settings;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final HeartbeatLogWatcher heartbeatLog;
    private final LocalTasks tasks;
    private volatile @Nullable Started started;
    private volatile boolean metricsBound;

    /** What exists once {@link #start} ran: Kafka Streams, this instance's address, and its stores' lags. */
    private record Started(
            KafkaStreams streams,
            Instance self,
            StoreLags lags,
            SharedAddressCheck sharedAddress,
            StateMemory stateMemory) {}

    public PresenceEngine(EngineSettings settings, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.heartbeatLog = HeartbeatLogWatcher.start(settings, StreamsSettings.APPLICATION_ID, clock);
        this.tasks = new LocalTasks(heartbeatLog, clock::millis);
    }

    /** Starts processing; {@code self} is the address other instances use to reach this one. */
    public void start(Instance self) {
        StateMemory stateMemory = new StateMemory(settings.stateMemoryBytes());
        KafkaStreams created = new KafkaStreams(
                PresenceTopology.build(new PresenceSettings(settings.rule(), tasks, settings.historyRetention())),
                StreamsSettings.forInstance(settings, self, stateMemory));
        created.setUncaughtExceptionHandler(new ThreadFailures(clock));
        created.setGlobalStateRestoreListener(new RestoreLog());
        exportMetrics(created);
        this.started = new Started(
                created,
                self,
                new StoreLags(created::allLocalStorePartitionLags),
                new SharedAddressCheck(created, self, metrics),
                stateMemory);
        created.start();
    }

    /** Kafka Streams' meters are bound once tasks exist, so that task, store and RocksDB meters are there at once. */
    private void exportMetrics(KafkaStreams created) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(created);
        created.setStateListener((now, before) -> {
            log.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING && !metricsBound) {
                metricsBound = true;
                streamsMetrics.bindTo(metrics);
            }
        });
        Gauge.builder("presence.online.users", tasks, LocalTasks::onlineUsers)
                .description("Users online in the partitions this instance owns")
                .register(metrics);
    }

    @Override
    public Instance self() {
        return started().self();
    }

    @Override
    public KeyPlacement placementOf(String userId) {
        KeyQueryMetadata metadata = ask(() -> running()
                .queryMetadataForKey(
                        PresenceTopology.LAST_SEEN_STORE,
                        userId,
                        Serdes.String().serializer()));
        if (metadata == null
                || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null
                || metadata.activeHost().port() < 0) {
            throw new StateUnavailableException(
                    "the owner of user " + userId + " is not known yet (start-up or rebalance)");
        }
        return new KeyPlacement(
                userId,
                metadata.partition(),
                instance(metadata.activeHost()),
                metadata.standbyHosts().stream().map(PresenceEngine::instance).toList());
    }

    /**
     * {@inheritDoc} An active task a moment behind the log is waited for, {@link #OFFLINE_PROOF_WAIT} at most for the
     * whole call, but only when one of the users read would be offline: an online answer needs no proof.
     */
    @Override
    public Map<String, Seen> lastSeenHere(Map<Integer, List<String>> idsByPartition, boolean allowStandby) {
        long askedAtMs = clock.millis();
        long waitUntilNanos = System.nanoTime() + OFFLINE_PROOF_WAIT.toNanos();
        Map<String, Seen> found = new HashMap<>();
        idsByPartition.forEach((partition, ids) -> {
            ReadOnlyKeyValueStore<String, LastSeen> store = lastSeenStore(partition, allowStandby);
            Map<String, Long> read = read(store, ids);
            boolean offlineProvable = !allowStandby
                    && tasks.notServingBecause(partition, askedAtMs).isEmpty();
            if (!allowStandby && !offlineProvable && anyOffline(ids, read, askedAtMs)) {
                offlineProvable = tasks.awaitServing(partition, askedAtMs, waitUntilNanos);
                if (offlineProvable) {
                    read = read(store, ids);
                }
            }
            for (String id : ids) {
                found.put(id, new Seen(read.get(id), offlineProvable));
            }
        });
        return found;
    }

    /** Last-seen times of these users (a user never seen has none). */
    private static Map<String, Long> read(ReadOnlyKeyValueStore<String, LastSeen> store, List<String> ids) {
        Map<String, Long> read = new HashMap<>();
        for (String id : ids) {
            LastSeen seen = ask(() -> store.get(id));
            if (seen != null) {
                read.put(id, seen.lastSeenMs());
            }
        }
        return read;
    }

    /** Whether any of these users is offline at {@code atMs}: never seen, or silent past the threshold. */
    private boolean anyOffline(List<String> ids, Map<String, Long> read, long atMs) {
        return ids.stream().anyMatch(id -> {
            Long lastSeenMs = read.get(id);
            return lastSeenMs == null || !settings.rule().isOnlineAt(lastSeenMs, atMs);
        });
    }

    private ReadOnlyKeyValueStore<String, LastSeen> lastSeenStore(int partition, boolean allowStandby) {
        return localStore(
                PresenceTopology.LAST_SEEN_STORE,
                QueryableStoreTypes.<String, LastSeen>keyValueStore(),
                partition,
                allowStandby);
    }

    /**
     * {@inheritDoc} The open session is read first and the closed ones last, so that a session the stream thread
     * closes meanwhile is found closed rather than lost.
     */
    @Override
    public UserHistory historyHere(String userId, int partition, long fromMs, long toMs, boolean allowStandby) {
        byte[] open = ask(() -> localStore(
                        PresenceTopology.ONLINE_USERS_STORE,
                        QueryableStoreTypes.<String, byte[]>keyValueStore(),
                        partition,
                        allowStandby)
                .get(userId));
        Seen seen =
                lastSeenHere(Map.of(partition, List.of(userId)), allowStandby).get(userId);
        ReadOnlySessionStore<String, byte[]> sessions = localStore(
                PresenceTopology.SESSIONS_STORE,
                QueryableStoreTypes.<String, byte[]>sessionStore(),
                partition,
                allowStandby);
        List<UserHistory.Session> closed = new ArrayList<>();
        ask(() -> {
            try (KeyValueIterator<Windowed<String>, byte[]> found = sessions.findSessions(userId, fromMs, toMs)) {
                found.forEachRemaining(session -> closed.add(new UserHistory.Session(
                        session.key.window().start(), session.key.window().end())));
            }
            return closed;
        });
        closed.sort(Comparator.comparingLong(UserHistory.Session::startMs));
        return new UserHistory(closed, openSession(open, seen, closed), seen);
    }

    /** The start of the open session, unless the stream thread closed it while the closed ones were read. */
    private static @Nullable Long openSession(byte @Nullable [] open, Seen seen, List<UserHistory.Session> closed) {
        if (open == null) {
            return null;
        }
        long startMs = OnlineSince.decode(open, seen.lastSeenMs() == null ? 0 : seen.lastSeenMs());
        return closed.stream().anyMatch(session -> session.startMs() == startMs) ? null : startMs;
    }

    /**
     * {@inheritDoc} Reads each task's minutes from {@link #CURVE_LOOKBACK} before {@code fromMs} to now: the newest
     * write among them anchors the counts.
     */
    @Override
    public OnlineCurve onlineCurveHere(long fromMs, long stepMs, int points) {
        long nowMs = clock.millis();
        OnlineCurve sum = OnlineCurve.none(points);
        for (int partition : tasks.activePartitions()) {
            ReadOnlyWindowStore<String, OnlineMinute> minutes = localStore(
                    PresenceTopology.ONLINE_MINUTES_STORE,
                    QueryableStoreTypes.<String, OnlineMinute>windowStore(),
                    partition,
                    false);
            long lookFromMs = fromMs - CURVE_LOOKBACK.toMillis();
            List<PartitionCurve.Minute> read = minutes(minutes, lookFromMs, Math.max(nowMs, fromMs));
            long totalIfQuiet = read.isEmpty() ? totalBefore(minutes, lookFromMs) : 0;
            sum = sum.plus(PartitionCurve.of(partition, read, totalIfQuiet, fromMs, stepMs, points));
        }
        return sum;
    }

    private static List<PartitionCurve.Minute> minutes(
            ReadOnlyWindowStore<String, OnlineMinute> store, long fromMs, long toMs) {
        List<PartitionCurve.Minute> read = new ArrayList<>();
        ask(() -> {
            try (WindowStoreIterator<OnlineMinute> found =
                    store.fetch(OnlineMinutes.SERIES, Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs))) {
                found.forEachRemaining(minute -> read.add(new PartitionCurve.Minute(minute.key, minute.value)));
            }
            return read;
        });
        return read;
    }

    /** The total after the newest minute written before {@code beforeMs}; 0 when none is kept. */
    private static long totalBefore(ReadOnlyWindowStore<String, OnlineMinute> store, long beforeMs) {
        return ask(() -> {
            try (WindowStoreIterator<OnlineMinute> found = store.backwardFetch(
                    OnlineMinutes.SERIES, Instant.EPOCH, Instant.ofEpochMilli(Math.max(0, beforeMs)))) {
                return found.hasNext() ? found.next().value.totalAfter() : 0L;
            }
        });
    }

    @Override
    public int partitionCount() {
        int count = heartbeatLog.partitionCount();
        if (count == 0) {
            throw new StateUnavailableException("the partitions of the heartbeat topic are not known yet");
        }
        return count;
    }

    /** A store of the partition hosted here: the active task's, or with {@code allowStandby} an up-to-date copy. */
    private <S> S localStore(String name, QueryableStoreType<S> type, int partition, boolean allowStandby) {
        StoreQueryParameters<S> query =
                StoreQueryParameters.fromNameAndType(name, type).withPartition(partition);
        if (!allowStandby) {
            return ask(() -> running().store(query));
        }
        long lag = started().lags().offsetLag(partition);
        if (lag > MAX_STANDBY_LAG) {
            throw new StateUnavailableException(
                    "the copy of partition " + partition + " here lags by " + lag + " records");
        }
        return ask(() -> running().store(query.enableStaleStores()));
    }

    @Override
    public long onlineUsersHere() {
        return tasks.onlineUsers();
    }

    @Override
    public List<Instance> allInstances() {
        return ask(() -> running().metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .map(PresenceEngine::instance)
                .toList());
    }

    /**
     * Each instance of the application with the heartbeat partitions it runs as active and as standby tasks: the
     * cluster as Kafka Streams' metadata sees it from here.
     */
    public List<Member> members() {
        return ask(() -> running().metadataForAllStreamsClients().stream()
                .map(metadata -> new Member(
                        instance(metadata.hostInfo()),
                        partitionsOf(metadata.topicPartitions()),
                        partitionsOf(metadata.standbyTopicPartitions())))
                .toList());
    }

    /** How many records each store partition held here is behind its changelog, by partition. */
    public Map<Integer, Long> lagsHere() {
        return started().lags().all();
    }

    private static SortedSet<Integer> partitionsOf(Set<TopicPartition> all) {
        return all.stream()
                .filter(tp -> tp.topic().equals(Topics.HEARTBEATS))
                .map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Started started() {
        Started current = started;
        if (current == null) {
            throw new StateUnavailableException("Kafka Streams has not started yet");
        }
        return current;
    }

    /** Kafka Streams, if it can be asked now. */
    private KafkaStreams running() {
        KafkaStreams current = started().streams();
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new StateUnavailableException("Kafka Streams is " + state);
        }
        return current;
    }

    /** Every way Kafka Streams says "not now" (a store migrating, restoring, not started) becomes ours. */
    private static <T> T ask(Supplier<T> question) {
        try {
            return question.get();
        } catch (StreamsException e) {
            throw new StateUnavailableException("the state is not available here (" + e.getMessage() + ")", e);
        }
    }

    private static Instance instance(HostInfo host) {
        return new Instance(host.host(), host.port());
    }

    /** Set while another instance advertises this one's address: a configuration mistake, logged and metered. */
    public Optional<String> sharedAddressBecause() {
        Started now = started;
        return now == null ? Optional.empty() : now.sharedAddress().conflict();
    }

    /** Live unless Kafka Streams has stopped for good (repeated thread failures): only a restart helps then. */
    public Optional<String> deadBecause() {
        Started now = started;
        if (now == null) {
            return Optional.empty();
        }
        KafkaStreams.State state = now.streams().state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            return Optional.of("Kafka Streams has stopped (" + state + ") and does not process heartbeats");
        }
        return Optional.empty();
    }

    /**
     * Ready when Kafka Streams runs and every partition whose task is active here can answer any query now, offline
     * included: its task processes (restore done) and has caught up with the heartbeat log (and not fallen far behind
     * since, more than a query waits for). How fresh offline decisions are is a metric, not a readiness condition.
     */
    public Optional<String> notReadyBecause() {
        Started now = started;
        if (now == null) {
            return Optional.of("Kafka Streams has not started yet");
        }
        KafkaStreams current = now.streams();
        KafkaStreams.State state = current.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Optional.of("Kafka Streams is " + state);
        }
        return partitionsNotServing(current);
    }

    /** A partition a moment behind is still ready: a query waits that moment ({@link #OFFLINE_PROOF_WAIT}). */
    private Optional<String> partitionsNotServing(KafkaStreams current) {
        long askedWaitAgoMs = clock.millis() - OFFLINE_PROOF_WAIT.toMillis();
        List<String> behind = current.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .map(task -> task.taskId().partition())
                .sorted()
                .flatMap(
                        partition -> tasks
                                .notServingBecause(partition, askedWaitAgoMs)
                                .map(why -> "partition " + partition + " " + why)
                                .stream())
                .toList();
        return behind.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", behind));
    }

    /** Closes Kafka Streams and leaves the group, so that the partitions move at once and the state is checkpointed. */
    @Override
    public void close() {
        Started now = started;
        if (now != null) {
            now.lags().close();
            now.sharedAddress().close();
            boolean closed = now.streams()
                    .close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                            .withTimeout(CLOSE_TIMEOUT));
            if (closed) {
                log.info("Kafka Streams closed cleanly and left the group");
                // Only now: a store still open would use the native memory after it is freed.
                now.stateMemory().close();
            } else {
                log.warn("Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        }
        heartbeatLog.close();
    }
}
