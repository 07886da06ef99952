package io.presence.stream;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory of every RocksDB store of one instance, bounded as one budget: a single block cache (index and
 * filter blocks included) that also accounts for the memtables through a write buffer manager. Without it, each store
 * of each task takes RocksDB's defaults, and memory grows with the partitions an instance hosts.
 */
final class StateMemory implements AutoCloseable {
    /** Where {@link BoundedRocksDb} finds the instance's budget among the Kafka Streams configs. */
    static final String CONFIG = "presence.state.memory";
    /** Memtables take at most this share of the budget; reads (blocks, indexes, filters) the rest. */
    private static final double WRITE_BUFFER_SHARE = 0.5;
    /**
     * Each store's memtable. Small enough that the memtables of the stores an instance usually hosts (two per
     * partition) stay under the write buffer manager's limit: when that limit is reached, every write to any store
     * flushes that store's memtable however small, and the flushes and compactions that follow take most of the CPU
     * (measured: 16K instead of 120K heartbeats/s).
     */
    private static final long MEMTABLE_BYTES = 2L << 20;
    /** Index and filter blocks are kept at high priority, in up to this share of the cache. */
    private static final double HIGH_PRIORITY_SHARE = 0.2;

    private final long bytes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;

    StateMemory(long bytes) {
        // The cache is native: RocksDB's library must be in before Kafka Streams opens any store.
        RocksDB.loadLibrary();
        this.bytes = bytes;
        this.cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
        this.writeBuffers = new WriteBufferManager((long) (bytes * WRITE_BUFFER_SHARE), cache);
    }

    Cache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    /** The size of one memtable: a store flushes at this size, or earlier when the shared budget is used up. */
    long memtableBytes() {
        return MEMTABLE_BYTES;
    }

    /** Releases the native memory: only once every store is closed (after Kafka Streams has closed). */
    @Override
    public void close() {
        writeBuffers.close();
        cache.close();
    }
}
