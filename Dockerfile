# syntax=docker/dockerfile:1
# The gateway's image: `docker build -t intake-gateway .` or `docker compose build` (see README, "Run with Docker").
# Everything the jar needs at run time is inside it (dialogs, knowledge base, config defaults); an operator's
# own folders are mounted and named by GATEWAY_DIALOGS_DIR / FAQ_DIR / ... (see docker-compose.yml).

# ---- build: the same command as the README's "Run the gateway" ----
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit, the default builder of current Docker).
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# ---- runtime: JRE only, non-root ----
FROM eclipse-temurin:17-jre
# A system user of its own (fixed uid, so volume ownership is predictable); /data is its store.
RUN groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid gateway --home-dir /app --no-create-home --shell /usr/sbin/nologin gateway \
 && mkdir -p /app /data \
 && chown gateway:gateway /data
WORKDIR /app
COPY --from=build /build/target/intake-gateway.jar /app/intake-gateway.jar
# The embedded store (SQLite) when REDIS_URL is not set; a named volume initialised from this directory keeps its owner.
ENV GATEWAY_DATA_DIR=/data
VOLUME ["/data"]
USER gateway
EXPOSE 8080
# curl is part of eclipse-temurin's Ubuntu images; /health answers 503 when the store does not.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${GATEWAY_HTTP_PORT:-8080}/health" || exit 1
# The gateway stops on SIGTERM: refuses new connections, lets requests in flight finish
# (GATEWAY_SHUTDOWN_GRACE_S, default 10 s) and exits 0. Exec form: the JVM is PID 1 and gets the signal itself.
STOPSIGNAL SIGTERM
# Transparent huge pages for the heap: a shorter tail where the kernel samples page access bits (README,
# "JVM flags in production"); where THP is "never" the JVM warns once and runs as without the flag.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseTransparentHugePages", "-jar", "/app/intake-gateway.jar"]
