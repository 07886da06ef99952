package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;

/** Every store Kafka Streams opens is put under the instance's shared memory budget and compressed. */
class BoundedRocksDbTest {
    @Test
    void shouldPutAStoreUnderTheSharedBudget() {
        try (StateMemory memory = new StateMemory(32 << 20);
                Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            new BoundedRocksDb().setConfig("last-seen", options, Map.of(StateMemory.CONFIG, memory));

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
            assertThat(options.writeBufferSize())
                    .isEqualTo(memory.memtableBytes())
                    .isEqualTo(2L << 20);
            assertThat(options.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
        }
    }

    @Test
    void shouldRefuseAStoreWithoutABudget() {
        try (Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            assertThatThrownBy(() -> new BoundedRocksDb().setConfig("last-seen", options, Map.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(StateMemory.CONFIG);
        }
    }
}
