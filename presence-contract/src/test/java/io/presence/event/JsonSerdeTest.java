package io.presence.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast paths write and read exactly what Jackson and {@link DateTimeFormatter} do, and hand anything else on. */
class JsonSerdeTest {
    private static final ObjectMapper JACKSON = EventJson.mapper();
    private static final DateTimeFormatter CONTRACT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ID_CHARS = "abcXYZ0189_.:@-";

    private final Random random = new Random(20261203);

    @Test
    void shouldFormatAndParseTimestampsAsTheFormatterDoes() {
        for (int i = 0; i < 20_000; i++) {
            Instant instant = randomInstant();
            String text = Timestamps.format(instant);
            assertThat(text).isEqualTo(CONTRACT_FORMAT.format(instant));
            assertThat(Timestamps.parse(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
        for (Instant edge : new Instant[] {
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:59.999Z")
        }) {
            assertThat(Timestamps.format(edge)).isEqualTo(CONTRACT_FORMAT.format(edge));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-01T02:20:00Z",
                "2026-12-01T02:20:00.123456789Z",
                "2026-12-01T02:20:00.1Z",
                "+10000-01-01T00:00:00.000Z",
                "2024-02-29T23:59:59.999Z"
            })
    void shouldParseOtherIsoFormsAsInstantDoes(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text).truncatedTo(ChronoUnit.MILLIS));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-01T02:20:00.000Z",
                "2026-02-30T02:20:00.000Z",
                "2026-12-01T02:60:00.000Z",
                "2026-12-01T02:20:00.00aZ",
                "2026-12-01 02:20:00.000Z"
            })
    void shouldRefuseWhatIsNotAnInstant(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void shouldWriteHeartbeatsAndChangesByteForByteAsJackson() throws Exception {
        JsonSerde<Heartbeat> heartbeats = JsonSerde.heartbeats();
        JsonSerde<PresenceChange> changes = JsonSerde.presenceChanges();
        for (int i = 0; i < 5_000; i++) {
            String userId = i % 100 == 0 ? "needs \"escaping\"\\ é" : randomId();
            Heartbeat heartbeat = new Heartbeat(userId, randomInstant());
            PresenceChange change = i % 2 == 0
                    ? PresenceChange.online(userId, randomInstant())
                    : PresenceChange.offline(userId, randomInstant(), randomInstant());

            byte[] written = heartbeats.serialize(Topics.HEARTBEATS, heartbeat);
            assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JACKSON.writeValueAsString(heartbeat));
            assertThat(heartbeats.deserialize(Topics.HEARTBEATS, written))
                    .isEqualTo(JACKSON.readValue(written, Heartbeat.class));
            assertThat(JsonSerde.isHeartbeat(written)).isTrue();
            assertThat(new String(changes.serialize(Topics.CHANGES, change), StandardCharsets.UTF_8))
                    .isEqualTo(JACKSON.writeValueAsString(change));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ts\":\"2026-12-01T02:20:00.123Z\",\"user_id\":\"u1\"}",
                "{ \"user_id\" : \"u1\", \"ts\" : \"2026-12-01T02:20:00.123Z\" }",
                "{\"user_id\":\"u1\",\"ts\":\"2026-12-01T02:20:00.123Z\",\"extra\":1}",
                "{\"user_id\":\"u\\u00e91\",\"ts\":\"2026-12-01T02:20:00.123Z\"}",
                "{\"user_id\":\"u1\",\"ts\":\"2026-12-01T02:20:00.123456Z\"}"
            })
    void shouldReadOtherFormsOfAHeartbeatAsJacksonDoes(String json) throws Exception {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(JsonSerde.isHeartbeat(bytes)).isTrue();

        assertThat(JsonSerde.heartbeats().deserialize(Topics.HEARTBEATS, bytes))
                .isEqualTo(JACKSON.readValue(bytes, Heartbeat.class));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"user_id\":\"u1\",\"ts\":\"2026-13-01T02:20:00.123Z\"}",
                "{\"user_id\":\"u1\",\"ts\":\"2026-02-29T02:20:00.123Z\"}",
                "{\"user_id\":\"u1\",\"ts\":\"2026-12-01T24:20:00.123Z\"}",
                "{\"user_id\":\"u1\",\"ts\":\"2026-12-01T02:20:00.123Z\"}x",
                "not json",
                "{\"user_id\":\"u1\"}"
            })
    void shouldRefuseWhatIsNotAHeartbeat(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(JsonSerde.isHeartbeat(bytes)).isFalse();

        assertThatThrownBy(() -> JsonSerde.heartbeats().deserialize(Topics.HEARTBEATS, bytes))
                .isInstanceOf(SerializationException.class);
    }

    private Instant randomInstant() {
        long from = Instant.parse("1970-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        return Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from)))
                .plusNanos(random.nextInt(1_000_000));
    }

    private String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 1 + random.nextInt(20); i > 0; i--) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
