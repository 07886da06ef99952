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
COPY config/docker/entrypoint /app/entrypoint
# Each process's heap and JVM limits, the same files ./presence uses (sized from the bench); JAVA_OPTS may add to them.
COPY config/jvm /app/jvm
# An OutOfMemoryError ends the process, so that the orchestrator restarts it instead of it limping on. RocksDB
# allocates from many threads: two malloc arenas keep glibc from holding on to what it freed.
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError" MALLOC_ARENA_MAX=2
USER presence
# query-api's port by default; docker-compose.yml gives each service its own.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 CMD ["/app/healthcheck", "8081"]
ENTRYPOINT ["/app/entrypoint"]
