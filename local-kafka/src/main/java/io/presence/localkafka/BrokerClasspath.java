package io.presence.localkafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The broker's classpath, resolved by Maven when this module was built (its jars are in the local Maven repository).
 */
final class BrokerClasspath {
    private static final String RESOURCE = "broker.classpath";

    private BrokerClasspath() {}

    static String read() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing; build the local-kafka module with Maven");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String missing = Arrays.stream(classpath.split(File.pathSeparator))
                    .filter(entry -> !Files.exists(Path.of(entry)))
                    .findFirst()
                    .orElse(null);
            if (missing != null) {
                throw new IllegalStateException("The broker's jar " + missing
                        + " is not in the local Maven repository; rebuild with ./mvnw install -DskipTests");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
