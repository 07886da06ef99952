package io.presence.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native libraries that RocksDB and Kafka's compression codecs unpack into {@code java.io.tmpdir} for this JVM
 * (about 15 MB a start). They ask the JDK to delete them on exit, but a shutdown hook that ends the JVM with
 * {@code halt} (to exit 0 after a clean SIGTERM stop) skips that: so the hook deletes them itself. Linux only, where
 * {@code /proc/self/maps} names them; elsewhere it does nothing.
 */
final class UnpackedNativeLibraries {
    private static final Logger log = LoggerFactory.getLogger(UnpackedNativeLibraries.class);
    private static final Path MAPS = Path.of("/proc/self/maps");
    /** The names RocksDB's, lz4-java's, zstd-jni's and snappy-java's loaders give the files they unpack. */
    private static final Pattern UNPACKED =
            Pattern.compile("(librocksdbjni|liblz4-java-|libzstd-jni-|snappy-)[^/]*\\.so");

    private UnpackedNativeLibraries() {}

    /** Deletes this JVM's unpacked libraries (mapped files stay usable until the JVM ends). */
    static void delete() {
        if (!Files.isReadable(MAPS)) {
            return;
        }
        try (Stream<String> maps = Files.lines(MAPS)) {
            for (Path unpacked : in(maps, Path.of(System.getProperty("java.io.tmpdir")))) {
                Files.deleteIfExists(unpacked);
                Files.deleteIfExists(unpacked.resolveSibling(unpacked.getFileName() + ".lck"));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not delete the unpacked native libraries", e);
        }
    }

    /** The unpacked libraries named by these lines of a maps file, directly in {@code tmpDir}, each once. */
    static List<Path> in(Stream<String> mapsLines, Path tmpDir) {
        return mapsLines
                .map(line -> line.split("\\s+", 6))
                .filter(fields -> fields.length == 6 && fields[5].startsWith("/"))
                .map(fields -> Path.of(fields[5].trim()))
                .filter(file -> tmpDir.equals(file.getParent())
                        && UNPACKED.matcher(file.getFileName().toString()).matches())
                .distinct()
                .toList();
    }
}
