package io.presence.query.status;

import static io.presence.query.status.FakeCluster.HERE;
import static io.presence.query.status.FakeCluster.OTHER;
import static io.presence.query.status.FakeCluster.THIRD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.presence.event.PresenceStatus;
import io.presence.http.ProblemException;
import io.presence.stream.StateUnavailableException;
import io.presence.user.PresenceRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StatusReaderTest {
    private static final long NOW = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();
    private static final long THRESHOLD = 10_000;

    private final FakeCluster cluster = new FakeCluster();
    private final StatusReader reader = new StatusReader(
            cluster,
            cluster,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
            new PresenceRule(Duration.ofMillis(THRESHOLD)));

    @Test
    void aUserIsOnlineAtExactlyTheThresholdAndOfflineOneMillisecondLater() {
        cluster.place("at", 0, HERE)
                .place("past", 0, HERE)
                .caughtUp(HERE)
                .seen(HERE, "at", NOW - THRESHOLD)
                .seen(HERE, "past", NOW - THRESHOLD - 1);

        assertThat(reader.read(List.of("at", "past")))
                .extracting(UserStatus::userId, UserStatus::status, UserStatus::lastSeen)
                .containsExactly(
                        tuple("at", PresenceStatus.ONLINE, Instant.ofEpochMilli(NOW - THRESHOLD)),
                        tuple("past", PresenceStatus.OFFLINE, Instant.ofEpochMilli(NOW - THRESHOLD - 1)));
    }

    @Test
    void aUserNeverSeenIsOfflineWithoutLastSeenWhenTheOwnerHasCaughtUp() {
        cluster.place("nobody", 3, HERE).caughtUp(HERE);

        assertThat(reader.read(List.of("nobody")))
                .containsExactly(new UserStatus("nobody", PresenceStatus.OFFLINE, null));
    }

    @Test
    void answersInTheOrderAskedWithUsersOfSeveralOwners() {
        cluster.place("b", 0, OTHER)
                .place("a", 1, HERE)
                .place("c", 2, THIRD)
                .caughtUp(HERE)
                .caughtUp(OTHER)
                .caughtUp(THIRD)
                .seen(OTHER, "b", NOW)
                .seen(HERE, "a", NOW)
                .seen(THIRD, "c", NOW - 60_000);

        assertThat(reader.read(List.of("b", "a", "c")))
                .extracting(UserStatus::userId, UserStatus::status)
                .containsExactly(
                        tuple("b", PresenceStatus.ONLINE),
                        tuple("a", PresenceStatus.ONLINE),
                        tuple("c", PresenceStatus.OFFLINE));
    }

    @Test
    void anOwnerStillCatchingUpMaySayOnlineButNeverOffline() {
        cluster.place("recent", 0, HERE)
                .place("silent", 0, HERE)
                .place("nobody", 0, HERE)
                .seen(HERE, "recent", NOW - 1_000)
                .seen(HERE, "silent", NOW - 60_000);

        assertThat(reader.read(List.of("recent")))
                .extracting(UserStatus::status)
                .containsExactly(PresenceStatus.ONLINE);
        assertUnavailable(() -> reader.read(List.of("recent", "silent")), "user silent is catching up");
        assertUnavailable(() -> reader.read(List.of("nobody")), "user nobody is catching up");
    }

    @Test
    void anOwnerThatCannotAnswerIsReplacedByAStandbyForOnlineAnswers() {
        cluster.place("u", 0, OTHER, THIRD).activeCannotAnswer(OTHER).seen(THIRD, "u", NOW - 500);

        assertThat(reader.read(List.of("u"))).extracting(UserStatus::status).containsExactly(PresenceStatus.ONLINE);
        assertThat(cluster.calls).containsExactly("other:2 active [u]", "here:1 standby [u]", "third:3 standby [u]");
    }

    @Test
    void aStandbyNeverProvesOffline() {
        cluster.place("u", 0, OTHER, THIRD)
                .activeCannotAnswer(OTHER)
                .standbyCannotAnswer(HERE)
                .seen(THIRD, "u", NOW - 60_000)
                .caughtUp(THIRD);

        assertUnavailable(() -> reader.read(List.of("u")), "cannot prove offline");
    }

    @Test
    void aLocalOwnerThatCannotAnswerFallsBackToTheCopyHereFirst() {
        cluster.place("u", 0, HERE, OTHER).activeCannotAnswer(HERE).seen(HERE, "u", NOW);

        assertThat(reader.read(List.of("u"))).extracting(UserStatus::status).containsExactly(PresenceStatus.ONLINE);
        assertThat(cluster.calls).containsExactly("here:1 active [u]", "here:1 standby [u]");
    }

    @Test
    void withoutAnyCopyThatCanAnswerTheQueryIsUnavailable() {
        cluster.place("u", 0, OTHER).activeCannotAnswer(OTHER).standbyCannotAnswer(HERE);

        assertUnavailable(() -> reader.read(List.of("u")), "no up-to-date copy is available");
    }

    @Test
    void aStandbyThatCannotAnswerEitherMakesTheQueryUnavailable() {
        cluster.place("u", 0, OTHER, THIRD)
                .activeCannotAnswer(OTHER)
                .standbyCannotAnswer(HERE)
                .standbyCannotAnswer(THIRD);

        assertUnavailable(() -> reader.read(List.of("u")), "neither the owner nor a standby could answer");
    }

    @Test
    void anAddressOutsideTheGroupIsNeverCalled() {
        cluster.place("u", 0, FakeCluster.STRANGER, THIRD).seen(THIRD, "u", NOW).seen(FakeCluster.STRANGER, "u", NOW);

        assertThat(reader.read(List.of("u"))).extracting(UserStatus::status).containsExactly(PresenceStatus.ONLINE);
        assertThat(cluster.calls).noneMatch(call -> call.startsWith("stranger.example"));
        assertThat(cluster.calls).contains("third:3 standby [u]");
    }

    @Test
    void aUserWhoseOwnerIsUnknownIsNotGuessed() {
        assertThatThrownBy(() -> reader.read(List.of("unplaced"))).isInstanceOf(StateUnavailableException.class);
    }

    @Test
    void aPeerIsAnsweredFromTheCopiesHereOnly() {
        cluster.place("u", 0, HERE).place("v", 1, HERE).seen(HERE, "u", NOW).caughtUp(HERE);

        assertThat(reader.readHere(List.of("u", "v"), false))
                .containsEntry("u", new io.presence.stream.Seen(NOW, true))
                .containsEntry("v", new io.presence.stream.Seen(null, true));
        assertThat(cluster.calls).containsExactly("here:1 active [u, v]");
    }

    @Test
    void onlineUsersAreSummedOverEveryInstance() {
        cluster.online(HERE, 5).online(OTHER, 7).online(THIRD, 11);

        assertThat(reader.onlineAcrossCluster()).isEqualTo(23);
    }

    @Test
    void anInstanceThatDoesNotReportItsOnlineUsersMakesTheCountUnavailable() {
        cluster.online(HERE, 5).online(OTHER, 7);

        assertUnavailable(reader::onlineAcrossCluster, "did not report its online users");
    }

    private static void assertUnavailable(ThrowingCallable query, String why) {
        assertThatThrownBy(query).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(503);
            assertThat(e.problem().detail()).contains(why);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
        });
    }
}
