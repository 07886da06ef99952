package io.presence.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** What the figures were measured on: cores, memory, CPU, JDK and Kafka version. */
public final class Machine {
    private Machine() {}

    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
        machine.put(
                "memory_gib",
                firstValue(Path.of("/proc/meminfo"), "MemTotal")
                        .map(kb -> Math.round(Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                        .orElse(-1L));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("kafka", kafkaVersion());
        return machine;
    }

    /** The version of the Kafka client jar, which the build keeps equal to the broker's. */
    private static String kafkaVersion() {
        try (InputStream in = Machine.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            Properties version = new Properties();
            if (in != null) {
                version.load(in);
            }
            return version.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
