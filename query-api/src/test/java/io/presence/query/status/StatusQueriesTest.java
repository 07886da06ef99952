package io.presence.query.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presence.http.ProblemException;
import io.presence.user.InvalidUserIdException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusQueriesTest {

    @Test
    void idsFromTheQueryParameterKeepTheirOrderAndLoseDuplicates() {
        assertThat(StatusQueries.fromQueryParameter("c,a,c,b,a")).containsExactly("c", "a", "b");
    }

    @Test
    void idsFromTheBodyKeepTheirOrderAndLoseDuplicates() {
        assertThat(StatusQueries.fromBody(json("{\"ids\":[\"u2\",\"u1\",\"u2\"],\"extra\":1}")))
                .containsExactly("u2", "u1");
    }

    @Test
    void aMissingParameterSaysHowToAsk() {
        assertInvalidQuery(() -> StatusQueries.fromQueryParameter(null), "/status/users?ids=");
    }

    @Test
    void anEmptyElementIsAnInvalidId() {
        assertThatThrownBy(() -> StatusQueries.fromQueryParameter("a,,b"))
                .isInstanceOf(InvalidUserIdException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> StatusQueries.fromQueryParameter("")).isInstanceOf(InvalidUserIdException.class);
    }

    @Test
    void exactlyTheLimitIsAcceptedAndOneMoreIsRefused() {
        String atLimit = String.join(",", Collections.nCopies(StatusQueries.MAX_IDS, "u"));
        assertThat(StatusQueries.fromQueryParameter(atLimit)).containsExactly("u");
        assertInvalidQuery(() -> StatusQueries.fromQueryParameter(atLimit + ",u"), "1 to 1000 ids");
    }

    @Test
    void anEmptyListIsRefused() {
        assertInvalidQuery(() -> StatusQueries.fromBody(json("{\"ids\":[]}")), "this request has 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"u1\"]", "{\"ids\":\"u1\"}", "{}", "null", "42"})
    void aBodyThatIsNotAnObjectWithAnIdArrayIsRefused(String body) {
        assertInvalidQuery(() -> StatusQueries.fromBody(json(body)), "array 'ids'");
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertInvalidQuery(() -> StatusQueries.fromBody(json("{\"ids\":[")), "not valid JSON");
        assertInvalidQuery(() -> StatusQueries.fromBody(json("{\"ids\":[\"a\"]} trailing")), "not valid JSON");
    }

    @Test
    void anIdThatIsNotAStringIsRefused() {
        assertInvalidQuery(() -> StatusQueries.fromBody(json("{\"ids\":[\"a\",7]}")), "must be a string");
    }

    @Test
    void anInvalidIdInTheBodyNamesWhatIsWrong() {
        assertThatThrownBy(() -> StatusQueries.fromBody(json("{\"ids\":[\"a b\"]}")))
                .isInstanceOf(InvalidUserIdException.class)
                .hasMessageContaining("'a b'");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertInvalidQuery(ThrowingCallable parse, String hint) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().type()).endsWith("invalid-query");
            assertThat(e.problem().detail()).contains(hint);
        });
    }
}
