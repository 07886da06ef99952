package io.presence.query.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseSinkTest {
    @Test
    void shouldWriteOneMessageWithItsIdWhenThereIsOne() {
        assertThat(SseSink.format("change", "0-12.3-4", "{\"user_id\":\"u1\"}"))
                .isEqualTo("id: 0-12.3-4\nevent: change\ndata: {\"user_id\":\"u1\"}\n\n");
        assertThat(SseSink.format("status", null, "{}")).isEqualTo("event: status\ndata: {}\n\n");
    }

    @Test
    void shouldKeepALineBreakInTheDataFromEndingTheMessage() {
        assertThat(SseSink.format("change", null, "{\r\n\"a\":1\n}"))
                .isEqualTo("event: change\ndata: {\ndata: \"a\":1\ndata: }\n\n");
    }
}
