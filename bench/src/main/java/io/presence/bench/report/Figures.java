package io.presence.bench.report;

import io.presence.bench.report.FigureSpec.Target;
import java.util.List;

/** Every figure the report carries, in the order it shows them, with their baselines and targets. */
public final class Figures {
    public static final String JAVALIN_204_RPS = "javalin_204_rps";
    public static final String PRODUCER_PERF = "kafka_producer_perf_records_per_s";
    public static final String CONSUMER_PERF = "kafka_consumer_perf_records_per_s";
    public static final String KSTREAMS_MINIMAL = "kstreams_minimal_eos_records_per_s";
    public static final String HEARTBEAT_HTTP_RPS = "heartbeat_http_rps";
    public static final String HEARTBEAT_HTTP_P50 = "heartbeat_http_p50_ms";
    public static final String HEARTBEAT_HTTP_P99 = "heartbeat_http_p99_ms";
    public static final String HEARTBEAT_BATCH = "heartbeat_batch_records_per_s";
    public static final String STREAM = "stream_heartbeats_per_s";
    public static final String PIPELINE = "pipeline_sustained_hb_per_s";
    public static final String FRESHNESS_QUERY_P50 = "freshness_query_p50_ms";
    public static final String FRESHNESS_QUERY_P99 = "freshness_query_p99_ms";
    public static final String FRESHNESS_CHANGE_P99 = "freshness_change_event_p99_ms";
    public static final String OFFLINE_LATENESS_P99 = "offline_lateness_p99_ms";
    public static final String OFFLINE_LATENESS_MAX = "offline_lateness_max_ms";
    public static final String OFFLINE_MISSED = "offline_missed";
    public static final String OFFLINE_EARLY = "offline_early";
    public static final String LONGEST_PUNCTUATION = "offline_longest_punctuation_ms";
    public static final String BATCH100_P50 = "batch100_query_p50_ms";
    public static final String BATCH100_P99 = "batch100_query_p99_ms";
    public static final String BATCH100_LOADED_P99 = "batch100_query_loaded_p99_ms";
    public static final String BATCH100_RPS = "batch100_query_rps";
    public static final String BATCH100_PEER_P99 = "batch100_query_peer_p99_ms";
    public static final String SINGLE_RPS = "single_query_rps";
    public static final String STORE_BYTES = "store_bytes_per_user";
    public static final String CHANGELOG_BYTES = "changelog_bytes_per_user";
    public static final String STATE_DIR_GROWTH = "state_dir_growth_across_restarts_bytes_per_user";
    public static final String QUERY_API_RSS = "query_api_rss_mb_1m_users";
    public static final String GATEWAY_RSS = "gateway_rss_mb_1m_users";
    public static final String RESTART_READY = "restart_ready_s";
    public static final String RESTORE_READY = "restore_ready_s";
    public static final String REPLAY_CONSUMER_PERF = "kafka_consumer_perf_replay_topic_records_per_s";
    public static final String REPLAY = "replay_records_per_s";
    public static final String HISTORY_QUERY_P50 = "history_query_p50_ms";
    public static final String HISTORY_QUERY_P99 = "history_query_p99_ms";
    public static final String SESSION_STORE_BYTES = "sessions_store_bytes_per_session";
    public static final String SESSION_CHANGELOG_BYTES = "sessions_changelog_bytes_per_session";
    public static final String MINUTE_CHANGELOG_BYTES = "online_minutes_changelog_bytes_per_transition";
    public static final String SOCKETS_OPEN = "websockets_open";
    public static final String SOCKET_HEAP_BYTES = "websocket_heap_bytes_per_socket";
    public static final String SOCKET_RSS_KB = "websocket_rss_kb_per_socket";
    public static final String SOCKET_EXPECTED_HB = "websocket_expected_heartbeats_per_s";
    public static final String SOCKET_HB = "websocket_heartbeats_per_s";
    public static final String POLLING_CPU = "polling_gateway_cpu_us_per_heartbeat";
    public static final String SOCKET_CPU = "websocket_gateway_cpu_us_per_heartbeat";
    public static final String CONSUMER_CHANGE_P50 = "consumer_change_p50_ms";
    public static final String CONSUMER_CHANGE_P99 = "consumer_change_p99_ms";
    public static final String SUBSCRIBER_CHANGE_P50 = "subscriber_change_p50_ms";
    public static final String SUBSCRIBER_CHANGE_P99 = "subscriber_change_p99_ms";
    public static final String SUBSCRIBER_EVENTS = "subscriber_events_per_s";

    public static final List<FigureSpec> ALL = List.of(
            new FigureSpec(
                    JAVALIN_204_RPS,
                    "req/s",
                    "baseline: bare Javalin answering POST with 204, wrk at the heartbeat concurrency",
                    null,
                    null),
            new FigureSpec(
                    PRODUCER_PERF,
                    "records/s",
                    "baseline: kafka-producer-perf-test, heartbeat documents as values, random keys over the users,"
                            + " the gateway's producer settings",
                    null,
                    null),
            new FigureSpec(
                    CONSUMER_PERF,
                    "records/s",
                    "baseline: kafka-consumer-perf-test reading the preloaded heartbeats",
                    null,
                    null),
            new FigureSpec(
                    KSTREAMS_MINIMAL,
                    "records/s",
                    "baseline: minimal Kafka Streams app, one persistent RocksDB store, get + put per record,"
                            + " exactly_once_v2, one stream thread, the preloaded heartbeats",
                    null,
                    null),
            new FigureSpec(
                    HEARTBEAT_HTTP_RPS,
                    "req/s",
                    "POST /heartbeat, wrk, token verified, 202 after the broker's ack",
                    JAVALIN_204_RPS,
                    Target.ratioAtLeast(0.8)),
            new FigureSpec(HEARTBEAT_HTTP_P50, "ms", "POST /heartbeat latency, median (wrk)", null, null),
            new FigureSpec(HEARTBEAT_HTTP_P99, "ms", "POST /heartbeat latency, p99 (wrk)", null, null),
            new FigureSpec(
                    HEARTBEAT_BATCH,
                    "records/s",
                    "POST /heartbeats with 1,000 ids per request (wrk)",
                    PRODUCER_PERF,
                    Target.ratioAtLeast(0.8)),
            new FigureSpec(
                    STREAM,
                    "records/s",
                    "query-api's topology on the preloaded heartbeats: RocksDB, punctuator on, exactly_once_v2,"
                            + " one stream thread",
                    KSTREAMS_MINIMAL,
                    Target.ratioAtLeast(1.0)),
            new FigureSpec(
                    PIPELINE,
                    "hb/s",
                    "whole pipeline on this machine (broker, gateway relaying batches, query-api) while queries"
                            + " are answered: heartbeats/s the stream keeps up with",
                    null,
                    Target.atLeast(100_000)),
            new FigureSpec(
                    FRESHNESS_QUERY_P50,
                    "ms",
                    "202 → online in query-api, median, at half the sustained load",
                    null,
                    null),
            new FigureSpec(
                    FRESHNESS_QUERY_P99,
                    "ms",
                    "202 → online in query-api, p99, at half the sustained load",
                    null,
                    Target.atMost(50)),
            new FigureSpec(
                    FRESHNESS_CHANGE_P99, "ms", "202 → online event read from presence.changes, p99", null, null),
            new FigureSpec(
                    OFFLINE_LATENESS_P99,
                    "ms",
                    "offline event read − (last_seen + threshold), users going silent in waves, p99",
                    null,
                    Target.atMost(250)),
            new FigureSpec(OFFLINE_LATENESS_MAX, "ms", "the same, max", null, Target.atMost(1000)),
            new FigureSpec(OFFLINE_MISSED, "users", "silent users without an offline event", null, Target.atMost(0)),
            new FigureSpec(
                    OFFLINE_EARLY, "users", "offline events before last_seen + threshold", null, Target.atMost(0)),
            new FigureSpec(LONGEST_PUNCTUATION, "ms", "the longest offline scan during the waves", null, null),
            new FigureSpec(BATCH100_P50, "ms", "batch status of 100 random ids, one client, median", null, null),
            new FigureSpec(
                    BATCH100_P99, "ms", "batch status of 100 random ids, one client, p99", null, Target.atMost(5)),
            new FigureSpec(
                    BATCH100_LOADED_P99,
                    "ms",
                    "batch status of 100 ids, p99, under the sustained heartbeat load",
                    null,
                    Target.atMost(5)),
            new FigureSpec(BATCH100_RPS, "req/s", "batch status of 100 ids, concurrent clients", null, null),
            new FigureSpec(
                    BATCH100_PEER_P99,
                    "ms",
                    "batch status of 100 random ids over two instances (about half asked of the peer), one client,"
                            + " p99",
                    null,
                    null),
            new FigureSpec(SINGLE_RPS, "req/s", "single status lookups, concurrent clients", null, null),
            new FigureSpec(
                    STORE_BYTES,
                    "B/user",
                    "all state stores on disk after a clean stop, per user in the store",
                    null,
                    Target.atMost(24)),
            new FigureSpec(
                    CHANGELOG_BYTES,
                    "B/user",
                    "all changelog partitions on the broker after compaction, per user",
                    null,
                    Target.atMost(40)),
            new FigureSpec(
                    STATE_DIR_GROWTH,
                    "B/user",
                    "growth of the state directory over two restarts, per user",
                    null,
                    Target.atMost(1)),
            new FigureSpec(
                    QUERY_API_RSS,
                    "MB",
                    "query-api resident memory with every user in its stores, after the query load",
                    null,
                    Target.atMost(512)),
            new FigureSpec(
                    GATEWAY_RSS,
                    "MB",
                    "ingest-gateway resident memory after the heartbeat and batch load",
                    null,
                    Target.atMost(256)),
            new FigureSpec(
                    RESTART_READY,
                    "s",
                    "query-api restart with every user in local state: start → /health/ready 200",
                    null,
                    Target.atMost(5)),
            new FigureSpec(
                    RESTORE_READY,
                    "s",
                    "a fresh query-api (empty state directory) restoring every user: start → ready",
                    null,
                    Target.atMost(10)),
            new FigureSpec(
                    REPLAY_CONSUMER_PERF,
                    "records/s",
                    "baseline: kafka-consumer-perf-test reading the heartbeats the replay reads, same run",
                    null,
                    null),
            new FigureSpec(
                    REPLAY,
                    "records/s",
                    "./presence replay of those heartbeats (offsets-for-times, the presence rules, sessions to a file)",
                    REPLAY_CONSUMER_PERF,
                    Target.ratioAtLeast(0.5)),
            new FigureSpec(
                    HISTORY_QUERY_P50,
                    "ms",
                    "GET /history/user/{id} over 7 days, one at a time, for users with a heavy week's sessions"
                            + " (140 each; 8 in the smoke profile), played fast with a 1 s threshold",
                    null,
                    null),
            new FigureSpec(HISTORY_QUERY_P99, "ms", "the same, p99", null, null),
            new FigureSpec(
                    SESSION_STORE_BYTES,
                    "B/session",
                    "the sessions store on disk after a clean stop, per closed session",
                    null,
                    null),
            new FigureSpec(
                    SESSION_CHANGELOG_BYTES,
                    "B/session",
                    "the sessions changelog on the broker, per closed session",
                    null,
                    null),
            new FigureSpec(
                    MINUTE_CHANGELOG_BYTES,
                    "B/transition",
                    "the online-minutes changelog on the broker before compaction (one record per transition;"
                            + " compaction keeps one per partition and minute)",
                    null,
                    null),
            new FigureSpec(
                    SOCKETS_OPEN,
                    "sockets",
                    "WebSockets one gateway holds open at once, each its own user (its gauge; 300 in the smoke"
                            + " profile)",
                    null,
                    null),
            new FigureSpec(
                    SOCKET_HEAP_BYTES,
                    "B/socket",
                    "gateway heap after a full GC with the sockets open, minus before, per socket",
                    null,
                    null),
            new FigureSpec(
                    SOCKET_RSS_KB,
                    "KB/socket",
                    "gateway resident memory with the sockets open, minus before, per socket",
                    null,
                    null),
            new FigureSpec(
                    SOCKET_EXPECTED_HB,
                    "hb/s",
                    "baseline: open sockets ÷ next_heartbeat_ms (5 s), one heartbeat per user per beat",
                    null,
                    null),
            new FigureSpec(
                    SOCKET_HB,
                    "hb/s",
                    "heartbeats the gateway wrote (acks=all) for the open sockets",
                    SOCKET_EXPECTED_HB,
                    Target.ratioAtLeast(0.95)),
            new FigureSpec(
                    POLLING_CPU,
                    "µs/hb",
                    "baseline: gateway CPU time per heartbeat while the same users each POST /heartbeat every 5 s",
                    null,
                    null),
            new FigureSpec(
                    SOCKET_CPU,
                    "µs/hb",
                    "gateway CPU time per heartbeat while holding the sockets and writing their heartbeats",
                    POLLING_CPU,
                    null),
            new FigureSpec(
                    CONSUMER_CHANGE_P50,
                    "ms",
                    "baseline: heartbeat → online change read by a plain read_committed consumer, median",
                    null,
                    null),
            new FigureSpec(CONSUMER_CHANGE_P99, "ms", "the same, p99", null, null),
            new FigureSpec(
                    SUBSCRIBER_CHANGE_P50,
                    "ms",
                    "heartbeat → online change received by an SSE subscriber, 1,000 subscribers of 50 ids each"
                            + " (50 of 20 in the smoke profile), users going online and offline every 2.5 s,"
                            + " spread evenly",
                    CONSUMER_CHANGE_P50,
                    null),
            new FigureSpec(SUBSCRIBER_CHANGE_P99, "ms", "the same, p99", CONSUMER_CHANGE_P99, null),
            new FigureSpec(
                    SUBSCRIBER_EVENTS,
                    "events/s",
                    "change events one query-api wrote to its subscribers, all subscribers together",
                    null,
                    null));

    private Figures() {}
}
