package io.presence.testkit;

import io.presence.localkafka.FreePorts;
import io.presence.localkafka.LocalKafkaCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker for the whole test run, injected as a parameter. From Testcontainers where a Docker engine is
 * found, otherwise a KRaft broker started from Maven artifacts in a child JVM; closed when the run ends. Set
 * {@code -Dpresence.it.broker=local} to skip looking for Docker.
 */
public final class SharedKafka implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafka.class);

    /** The running broker: where to reach it. */
    public interface Broker extends AutoCloseable {
        String bootstrapServers();

        @Override
        void close();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Broker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Broker.class, key -> start(), Broker.class);
    }

    private static Broker start() {
        if (!"local".equals(System.getProperty("presence.it.broker"))
                && DockerClientFactory.instance().isDockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:" + kafkaVersion());
            container.start();
            return new Broker() {
                @Override
                public String bootstrapServers() {
                    return container.getBootstrapServers();
                }

                @Override
                public void close() {
                    container.stop();
                }
            };
        }
        Path data = TempDirs.create("presence-it-kafka-");
        LocalKafkaCluster broker =
                LocalKafkaCluster.startSingleNode(data, FreePorts.find(), FreePorts.find(), Duration.ofSeconds(90));
        return new Broker() {
            @Override
            public String bootstrapServers() {
                return broker.bootstrapServers();
            }

            @Override
            public void close() {
                broker.close();
                TempDirs.delete(data);
            }
        };
    }

    /** The Kafka version the build runs ({@code kafka.version} in the parent POM), so the container runs the same. */
    static String kafkaVersion() {
        try (InputStream in = SharedKafka.class.getResourceAsStream("/presence-testkit.properties")) {
            Properties build = new Properties();
            build.load(in);
            return build.getProperty("kafka.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
