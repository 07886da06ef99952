package io.presence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UnpackedNativeLibrariesTest {
    private static final Path TMP = Path.of("/tmp");

    @Test
    void shouldFindTheLibrariesUnpackedIntoTheTemporaryFolderOnce() {
        Stream<String> maps = Stream.of(
                "7f01a000-7f01b000 r--p 00000000 08:01 1234       /tmp/librocksdbjni123.so",
                "7f01b000-7f01c000 r-xp 00001000 08:01 1234       /tmp/librocksdbjni123.so",
                "7f02a000-7f02b000 r-xp 00000000 08:01 99         /tmp/liblz4-java-456.so",
                "7f03a000-7f03b000 r-xp 00000000 08:01 98         /tmp/libzstd-jni-1.5.6-10.so",
                "7f04a000-7f04b000 r-xp 00000000 08:01 97         /tmp/snappy-1.1.10-abc-libsnappyjava.so");

        assertThat(UnpackedNativeLibraries.in(maps, TMP))
                .containsExactly(
                        Path.of("/tmp/librocksdbjni123.so"),
                        Path.of("/tmp/liblz4-java-456.so"),
                        Path.of("/tmp/libzstd-jni-1.5.6-10.so"),
                        Path.of("/tmp/snappy-1.1.10-abc-libsnappyjava.so"));
    }

    @Test
    void shouldLeaveEveryOtherMappingAlone() {
        Stream<String> maps = Stream.of(
                "7f05a000-7f05b000 r-xp 00000000 08:01 5          /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f06a000-7f06b000 r-xp 00000000 08:01 6          /tmp/sub/librocksdbjni9.so",
                "7f07a000-7f07b000 r-xp 00000000 08:01 7          /tmp/libsomethingelse.so",
                "7f08a000-7f08b000 r-xp 00000000 08:01 8          /tmp/librocksdbjni7.so (deleted)",
                "7f09a000-7f09b000 rw-p 00000000 00:00 0          [heap]",
                "7f0aa000-7f0ab000 rw-p 00000000 00:00 0");

        assertThat(UnpackedNativeLibraries.in(maps, TMP)).isEmpty();
    }
}
