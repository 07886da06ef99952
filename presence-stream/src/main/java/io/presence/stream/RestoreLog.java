package io.presence.stream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when a store is rebuilt from its changelog, and how much: after a clean stop nothing is, after a crash (or a
 * partition moving here) the records since the last checkpoint are. Operators and tests read it.
 */
final class RestoreLog implements StateRestoreListener {
    private static final Logger log = LoggerFactory.getLogger(RestoreLog.class);

    @Override
    public void onRestoreStart(TopicPartition changelog, String store, long startingOffset, long endingOffset) {
        log.info(
                "Restoring store {} of partition {}: {} changelog records",
                store,
                changelog.partition(),
                endingOffset - startingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition changelog, String store, long batchEndOffset, long numRestored) {
        // the start and the end are enough
    }

    @Override
    public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
        log.info("Restored store {} of partition {} ({} records)", store, changelog.partition(), totalRestored);
    }
}
