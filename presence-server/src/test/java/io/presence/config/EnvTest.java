package io.presence.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void shouldParseTheDurationFormsOfTheContract() {
        Env env = Env.of(Map.of("A", "10s", "B", "500ms", "C", "PT10S", "D", "7d", "E", "2m"));

        assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.duration("C", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofDays(7));
        assertThat(env.duration("E", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(env.duration("UNSET", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldNameTheVariableOfAnUnparsableOrZeroDuration() {
        Env env = Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "ten seconds", "ZERO", "0s", "NEGATIVE", "PT-1S"));

        assertThatThrownBy(() -> env.duration("PRESENCE_OFFLINE_AFTER", Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PRESENCE_OFFLINE_AFTER: 'ten seconds' is not a duration");
        assertThatThrownBy(() -> env.duration("ZERO", Duration.ZERO)).hasMessageStartingWith("ZERO:");
        assertThatThrownBy(() -> env.duration("NEGATIVE", Duration.ZERO)).hasMessageStartingWith("NEGATIVE:");
    }

    @Test
    void shouldKeepTheOfflineThresholdBetweenASecondAndAnHour() {
        assertThat(OfflineAfter.fromEnv(Env.of(Map.of()))).isEqualTo(Duration.ofSeconds(10));
        assertThat(OfflineAfter.fromEnv(Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "1s"))))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(OfflineAfter.fromEnv(Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "1h"))))
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> OfflineAfter.fromEnv(Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "1ms"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PRESENCE_OFFLINE_AFTER: '1ms' is outside 1s to 3600s");
        assertThatThrownBy(() -> OfflineAfter.fromEnv(Env.of(Map.of("PRESENCE_OFFLINE_AFTER", "61m"))))
                .hasMessage("PRESENCE_OFFLINE_AFTER: '61m' is outside 1s to 3600s");
    }

    @Test
    void shouldRefuseAnAbsurdlyLongDurationWithOneLineInsteadOfACrash() {
        Env env = Env.of(Map.of("PRESENCE_CHANGES_RETENTION", "999999999999d"));

        assertThatThrownBy(() -> env.duration("PRESENCE_CHANGES_RETENTION", Duration.ofDays(1)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PRESENCE_CHANGES_RETENTION: '999999999999d' is outside 1ms to 36500d");
    }

    @Test
    void shouldValidatePortsAndRanges() {
        Env env = Env.of(Map.of("P", "70000", "Q", "http", "R", "8080"));

        assertThatThrownBy(() -> env.port("P", 1)).hasMessageStartingWith("P: 70000 is out of range");
        assertThatThrownBy(() -> env.port("Q", 1)).hasMessageStartingWith("Q: 'http' is not a whole number");
        assertThat(env.port("R", 1)).isEqualTo(8080);
    }

    @Test
    void shouldLetOverridesWinAndTreatBlankAsUnset() {
        Env env = Env.of(Map.of("A", "base", "B", "  ")).withOverrides(Map.of("A", "override"));

        assertThat(env.string("A", "default")).isEqualTo("override");
        assertThat(env.string("B", "default")).isEqualTo("default");
    }

    @Test
    void shouldValidateHostsAndDirectories(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createFile(temp.resolve("a-file"));
        Env env = Env.of(Map.of(
                "GOOD",
                "query-api-2.internal",
                "IP",
                "10.0.0.7",
                "BAD",
                "http://x:80/",
                "DIR",
                temp.resolve("new/state").toString(),
                "NOT_DIR",
                file.resolve("state").toString()));

        assertThat(env.host("GOOD", "x")).isEqualTo("query-api-2.internal");
        assertThat(env.host("IP", "x")).isEqualTo("10.0.0.7");
        assertThatThrownBy(() -> env.host("BAD", "x")).hasMessageStartingWith("BAD: 'http://x:80/' is not a host name");
        assertThat(env.writableDirectory("DIR", "x")).isDirectory();
        assertThatThrownBy(() -> env.writableDirectory("NOT_DIR", "x"))
                .hasMessageStartingWith("NOT_DIR: cannot create directory");
    }

    @Test
    void shouldRequireAValueWhereThereIsNoDefault() {
        assertThatThrownBy(() -> Env.of(Map.of()).required("PRESENCE_JWT_SECRET", "set it"))
                .hasMessage("PRESENCE_JWT_SECRET: is not set; set it");
    }
}
