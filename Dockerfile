# One image for both processes: `docker run … gateway` or `… query-api` (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/presence-app/target/presence.jar /app/presence.jar
ENTRYPOINT ["java", "-jar", "/app/presence.jar"]
