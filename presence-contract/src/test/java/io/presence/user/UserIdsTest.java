package io.presence.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"u", "alice", "user_1.2:3@example-x", "ABCxyz0189"})
    void shouldAcceptIdsOfTheAllowedCharacters(String id) {
        assertThat(UserIds.isValid(id)).isTrue();
        assertThat(UserIds.isValid(id.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void shouldAcceptExactly128Characters() {
        assertThat(UserIds.isValid("a".repeat(128))).isTrue();
        assertThat(UserIds.isValid("a".repeat(129))).isFalse();
        assertThat(UserIds.isValid("a".repeat(128).getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(UserIds.isValid("a".repeat(129).getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "a b", "../etc/passwd", "a/b", "é", "用户", "a\u0000b", "a\nb", "a,b", "a%20b", "<script>"
            })
    void shouldRejectEverythingElse(String id) {
        assertThat(UserIds.isValid(id)).isFalse();
        assertThat(UserIds.isValid(id.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThatThrownBy(() -> UserIds.requireValid(id))
                .isInstanceOf(InvalidUserIdException.class)
                .hasMessage(UserIds.describe(id));
    }

    @Test
    void shouldNeverEchoControlCharactersInTheDetail() {
        assertThat(UserIds.describe("a\u0000\u001b[31mb"))
                .doesNotContain("\u0000")
                .doesNotContain("\u001b");
    }
}
