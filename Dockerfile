# One image for both processes: `docker run … gateway` or `… query-api` (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Djacoco.skip=true package

FROM eclipse-temurin:17-jre
# A user of its own: nothing in the container runs as root.
RUN groupadd --system --gid 10001 presence \
    && useradd --system --uid 10001 --gid presence --no-create-home presence \
    && mkdir -p /var/lib/presence \
    && chown presence:presence /var/lib/presence
WORKDIR /app
COPY --from=build /src/presence-app/target/presence.jar /app/presence.jar
COPY config/docker/healthcheck /app/healthcheck
# The heap follows the container's memory limit; the rest is for RocksDB, Kafka clients and the JVM itself. An
# OutOfMemoryError ends the process, so that the orchestrator restarts it instead of it limping on.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
USER presence
# query-api's port by default; docker-compose.yml gives each service its own.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 CMD ["/app/healthcheck", "8081"]
ENTRYPOINT ["java", "-jar", "/app/presence.jar"]
