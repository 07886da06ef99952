package io.presence.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.session.LastSeen;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LastSeenSerdeTest {
    private final LastSeenSerde serde = new LastSeenSerde();

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 1_764_000_000_123L, Long.MAX_VALUE, Long.MIN_VALUE})
    void writesAndReadsBackEveryTimeAndStatus(long lastSeenMs) {
        for (boolean online : new boolean[] {true, false}) {
            LastSeen seen = new LastSeen(lastSeenMs, online);
            byte[] bytes = serde.serialize("t", seen);
            assertThat(bytes).hasSize(10);
            assertThat(serde.deserialize("t", bytes)).isEqualTo(seen);
        }
    }

    @Test
    void theFormatIsAVersionByteTheTimeBigEndianAndAStatusByte() {
        assertThat(serde.serialize("t", new LastSeen(0x0102030405060708L, true)))
                .containsExactly(1, 1, 2, 3, 4, 5, 6, 7, 8, 1);
    }

    @Test
    void nullStaysNullForDeletes() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void refusesAnUnknownVersionOrLength() {
        byte[] valid = serde.serialize("t", new LastSeen(42, true));
        byte[] otherVersion = valid.clone();
        otherVersion[0] = 2;

        assertThatThrownBy(() -> serde.deserialize("t", otherVersion))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[9]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("9 bytes");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[0])).isInstanceOf(SerializationException.class);
    }
}
