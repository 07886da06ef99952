package io.presence.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.presence.session.LastSeen;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserTableTest {
    @Test
    void holdsWhatAMapWouldThroughGrowthAndCollisions() {
        UserTable table = new UserTable();
        Map<String, LastSeen> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            String user = "u" + random.nextInt(20_000);
            assertThat(table.get(user)).isEqualTo(expected.get(user));
            LastSeen seen = new LastSeen(random.nextLong(1L << 45), random.nextBoolean());
            table.put(user, seen);
            expected.put(user, seen);
        }
        expected.forEach((user, seen) -> assertThat(table.get(user)).isEqualTo(seen));
        assertThat(table.size()).isEqualTo(expected.size());
        assertThat(table.get("never")).isNull();
    }

    @Test
    void aKeyFindsTheIdTheTableHoldsAndInvalidKeysNone() {
        UserTable table = new UserTable();
        String alice = table.userOf("alice".getBytes(StandardCharsets.UTF_8));
        table.put(alice, new LastSeen(5, true));

        String again = table.userOf("alice".getBytes(StandardCharsets.UTF_8));

        assertThat(again).isSameAs(alice);
        assertThat(table.get(again)).isEqualTo(new LastSeen(5, true));
        assertThat(table.userOf("bob".getBytes(StandardCharsets.UTF_8))).isEqualTo("bob");
        assertThat(table.get("bob")).isNull();
        assertThat(table.userOf("not valid".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(table.userOf("é".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void aWriteWithoutAReadFirstFindsItsOwnSlot() {
        UserTable table = new UserTable();
        table.put("a", new LastSeen(1, true));
        table.get("a");
        table.put("b", new LastSeen(2, false)); // not the user read last: must not overwrite a

        assertThat(table.get("a")).isEqualTo(new LastSeen(1, true));
        assertThat(table.get("b")).isEqualTo(new LastSeen(2, false));
    }
}
