# syntax=docker/dockerfile:1
# One Dockerfile for every Vigil role; the role is a build argument:
#   docker build --build-arg ROLE=worker -t vigil-worker .
# The container runs "java -jar vigil.jar <role>"; arguments given to "docker run" replace the role,
# for example "docker run --rm vigil-worker doctor". docker-compose.sentinel.yml builds one image per role.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -ntp -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
ARG ROLE=gateway
# curl for the gateway's health check; nothing else is added to the base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app vigil
WORKDIR /app
COPY --from=build /src/app/target/vigil.jar /app/vigil.jar
# The same JVM flags as the ./vigil launcher (Hazelcast needs these opens); JAVA_OPTS adds to them.
ENV JAVA_OPTS_DEFAULT="-XX:MaxRAMPercentage=75 --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
RUN echo "$ROLE" > /app/role \
 && printf '#!/bin/sh\n# vigil <command>: the launcher inside the image (health checks, ops commands).\nexec java $JAVA_OPTS_DEFAULT $JAVA_OPTS -jar /app/vigil.jar "$@"\n' > /usr/local/bin/vigil \
 && chmod 755 /usr/local/bin/vigil
USER vigil
EXPOSE 8080
# No arguments: run the role this image was built for.
ENTRYPOINT ["sh", "-c", "if [ \"$#\" -eq 0 ]; then set -- \"$(cat /app/role)\"; fi; exec vigil \"$@\"", "vigil"]
