package io.presence.bench.baseline;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream baseline: the least any presence topology must do. One persistent RocksDB store (logged, Kafka Streams'
 * defaults), one {@code get} and one {@code put} of the record's time per record, {@code exactly_once_v2}, one
 * stream thread, nothing published. Arguments: bootstrap servers, application id, state directory, topic.
 */
public final class MinimalStreamsApp {
    private static final String STORE = "last-time";

    private MinimalStreamsApp() {}

    public static void main(String[] args) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[1]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

        KafkaStreams streams = new KafkaStreams(topology(args[3]), props);
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
        streams.start();
    }

    static Topology topology(String topic) {
        Topology topology = new Topology();
        topology.addSource(
                "source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topic);
        topology.addProcessor("get-put", LastTime::new, "source");
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long()),
                "get-put");
        return topology;
    }

    /** Keeps the newest record time per key. */
    private static final class LastTime implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Long previous = store.get(record.key());
            if (previous == null || record.timestamp() > previous) {
                store.put(record.key(), record.timestamp());
            }
        }
    }
}
