package io.presence.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.config.ConfigException;
import io.presence.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durable unless asked otherwise: three copies by default, two of them needed to acknowledge a write. */
class KafkaSettingsTest {
    @Test
    void shouldKeepThreeCopiesUnlessReplicationIsSet() {
        KafkaSettings settings = KafkaSettings.fromEnv(Env.of(Map.of()));

        assertThat(settings.replication()).isEqualTo((short) 3);
        assertThat(settings.minInSyncReplicas()).isEqualTo(2);
    }

    @Test
    void shouldAcceptFewerCopiesWhenSetExplicitly() {
        KafkaSettings settings = KafkaSettings.fromEnv(Env.of(Map.of("PRESENCE_REPLICATION", "1")));

        assertThat(settings.replication()).isEqualTo((short) 1);
        assertThat(settings.minInSyncReplicas()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,2", "5,2"})
    void shouldNeedTwoCopiesForAnAcknowledgementOnceThereAreTwo(int replication, int minInSync) {
        KafkaSettings settings =
                KafkaSettings.fromEnv(Env.of(Map.of("PRESENCE_REPLICATION", Integer.toString(replication))));

        assertThat(settings.minInSyncReplicas()).isEqualTo(minInSync);
    }

    @Test
    void shouldRefuseReplicationOutOfRange() {
        assertThatThrownBy(() -> KafkaSettings.fromEnv(Env.of(Map.of("PRESENCE_REPLICATION", "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PRESENCE_REPLICATION");
    }
}
