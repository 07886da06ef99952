package io.presence.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

    @Test
    void aLoopbackAddressIsDoubtedWhenKafkaRunsElsewhere() {
        assertThat(AdvertisedAddress.doubtAbout("127.0.0.1", "kafka-1:9092,kafka-2:9092"))
                .hasValueSatisfying(why ->
                        assertThat(why).contains("PRESENCE_ADVERTISED_HOST").contains("kafka-1"));
        assertThat(AdvertisedAddress.doubtAbout("localhost", "127.0.0.1:9092,10.0.0.7:9092"))
                .isPresent();
    }

    @Test
    void aLoopbackAddressIsFineWhenEverythingRunsHere() {
        assertThat(AdvertisedAddress.doubtAbout("127.0.0.1", "127.0.0.1:9092")).isEmpty();
        assertThat(AdvertisedAddress.doubtAbout("127.0.0.1", "localhost:9092")).isEmpty();
    }

    @Test
    void aRealAddressIsNeverDoubted() {
        assertThat(AdvertisedAddress.doubtAbout("query-api-2.internal", "kafka-1:9092"))
                .isEmpty();
    }
}
