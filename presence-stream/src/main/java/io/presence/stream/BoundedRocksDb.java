package io.presence.stream;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/**
 * Kafka Streams' hook into each RocksDB store it opens: puts the store under the instance's {@link StateMemory} and
 * compresses its files (a store holds one small entry per user ever seen, and compresses well). Kafka Streams creates
 * one per store by reflection; the shared memory comes in through the configs.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object memory = configs.get(StateMemory.CONFIG);
        if (!(memory instanceof StateMemory shared)) {
            throw new IllegalStateException("No " + StateMemory.CONFIG + " among the Kafka Streams configs");
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        // Measured: without it, every get looks up each level-0 file's filter in the cache, and the stream thread
        // loses a quarter of its rate.
        table.setPinL0FilterAndIndexBlocksInCache(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setWriteBufferSize(shared.memtableBytes());
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared: StateMemory closes them once every store is closed.
    }
}
