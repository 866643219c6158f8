# One Dockerfile for every Vigil role; the role is a build argument. It packages the jar Maven built, so
# build that first (no Maven image is needed, and nothing here pulls a build frontend):
#   mvn -B -ntp -DskipTests -pl app -am package
#   docker build --build-arg ROLE=worker -t vigil-worker .
# BASE_IMAGE is any image with a Java 17 runtime, a POSIX shell and curl (the gateway's health check);
# apt-get adds curl when it is missing. Offline, use the local base scripts/docker-local builds:
#   docker build --build-arg BASE_IMAGE=vigil-base:local --build-arg ROLE=worker -t vigil-worker .
# The container runs "java -jar vigil.jar <role>"; arguments given to "docker run" replace the role,
# for example "docker run --rm vigil-worker doctor". docker-compose.sentinel.yml builds one image per role.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}
ARG ROLE=gateway
RUN if ! command -v curl >/dev/null 2>&1; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
 && useradd --system --uid 10001 --home-dir /app vigil \
 && mkdir -p /app
WORKDIR /app
COPY app/target/vigil.jar /app/vigil.jar
# The same JVM flags as the ./vigil launcher (Hazelcast needs these opens); JAVA_OPTS adds to them.
ENV JAVA_OPTS_DEFAULT="-XX:MaxRAMPercentage=75 --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
RUN echo "$ROLE" > /app/role \
 && printf '#!/bin/sh\n# vigil <command>: the launcher inside the image (health checks, ops commands).\nexec java $JAVA_OPTS_DEFAULT $JAVA_OPTS -jar /app/vigil.jar "$@"\n' > /usr/local/bin/vigil \
 && chmod 755 /usr/local/bin/vigil
USER vigil
EXPOSE 8080
# No arguments: run the role this image was built for.
ENTRYPOINT ["sh", "-c", "if [ \"$#\" -eq 0 ]; then set -- \"$(cat /app/role)\"; fi; exec vigil \"$@\"", "vigil"]
