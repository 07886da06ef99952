package io.presence.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The files of a query-api state directory, and which of them hold the history rather than per-user state. */
final class StateFiles {
    static final String SESSIONS = "sessions";
    static final String ONLINE_MINUTES = "online-minutes";

    private StateFiles() {}

    /** Whether a file belongs to the sessions or online-minutes store (a directory of that name holds it). */
    static boolean isHistory(Path file) {
        for (Path part : file) {
            String name = part.toString();
            if (name.equals(SESSIONS) || name.equals(ONLINE_MINUTES)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSessions(Path file) {
        for (Path part : file) {
            if (part.toString().equals(SESSIONS)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of the regular files under {@code dir} that {@code which} accepts. */
    static long bytes(Path dir, Predicate<Path> which) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(which)
                    .mapToLong(StateFiles::size)
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // deleted while walking: a RocksDB file compacted away
        }
    }
}
