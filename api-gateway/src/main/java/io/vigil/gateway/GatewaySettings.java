package io.vigil.gateway;

import io.vigil.gateway.auth.ApiToken;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's configuration, built once from the environment and validated; every error names its
 * setting, and {@link #toString()} shows token names and roles only.
 *
 * @param httpPort VIGIL_HTTP_PORT (0 picks a free port)
 * @param tokens VIGIL_API_TOKENS, {@code name:token:role} entries
 * @param insecure VIGIL_INSECURE: allows starting without tokens, every caller then acts as admin
 * @param maxBodyBytes VIGIL_MAX_BODY_BYTES: larger request bodies get 413 before they are parsed
 * @param idleTimeoutMs VIGIL_HTTP_IDLE_TIMEOUT_MS: connections with no traffic for this long are closed
 * @param ssePollMs VIGIL_SSE_POLL_MS: how often an event stream reads Redis for new events
 * @param sseHeartbeatMs VIGIL_SSE_HEARTBEAT_MS: comment line sent on idle event streams
 * @param sseMaxStreams VIGIL_SSE_MAX_STREAMS: open event streams per gateway before 503
 * @param relayEnabled VIGIL_EVENT_RELAY: whether this gateway competes to relay events to the event bus
 * @param relayPollMs VIGIL_RELAY_POLL_MS: how often the relay reads the queues' event streams
 * @param relayLeaseMs VIGIL_RELAY_LEASE_MS: the relay lease; another gateway takes over this long after a crash
 */
public record GatewaySettings(int httpPort, List<ApiToken> tokens, boolean insecure, int maxBodyBytes,
                              long idleTimeoutMs, long ssePollMs, long sseHeartbeatMs, int sseMaxStreams,
                              boolean relayEnabled, long relayPollMs, long relayLeaseMs) {

  public GatewaySettings {
    tokens = List.copyOf(tokens);
    require(httpPort >= 0 && httpPort <= 65535, "VIGIL_HTTP_PORT must be between 0 and 65535");
    require(!tokens.isEmpty() || insecure,
        "VIGIL_API_TOKENS is empty: set name:token:role entries, or VIGIL_INSECURE=true for an open development gateway");
    require(maxBodyBytes >= 1024 && maxBodyBytes <= 64 * 1024 * 1024, "VIGIL_MAX_BODY_BYTES must be between 1024 and 67108864");
    require(idleTimeoutMs >= 1000, "VIGIL_HTTP_IDLE_TIMEOUT_MS must be >= 1000");
    require(ssePollMs >= 10, "VIGIL_SSE_POLL_MS must be >= 10");
    require(sseHeartbeatMs >= 100 && sseHeartbeatMs < idleTimeoutMs,
        "VIGIL_SSE_HEARTBEAT_MS must be >= 100 and below VIGIL_HTTP_IDLE_TIMEOUT_MS");
    require(sseMaxStreams >= 1, "VIGIL_SSE_MAX_STREAMS must be >= 1");
    require(relayPollMs >= 10, "VIGIL_RELAY_POLL_MS must be >= 10");
    require(relayLeaseMs >= 3 * relayPollMs, "VIGIL_RELAY_LEASE_MS must be at least 3 x VIGIL_RELAY_POLL_MS");
  }

  /** Reads the settings from environment-like variables; missing ones take their defaults. */
  public static GatewaySettings fromEnv(Map<String, String> env) {
    return new GatewaySettings(
        (int) number(env, "VIGIL_HTTP_PORT", 8080),
        ApiToken.parseList(env.get(ApiToken.SETTING)),
        bool(env, "VIGIL_INSECURE", false),
        (int) number(env, "VIGIL_MAX_BODY_BYTES", 1024 * 1024),
        number(env, "VIGIL_HTTP_IDLE_TIMEOUT_MS", 60_000),
        number(env, "VIGIL_SSE_POLL_MS", 250),
        number(env, "VIGIL_SSE_HEARTBEAT_MS", 15_000),
        (int) number(env, "VIGIL_SSE_MAX_STREAMS", 1000),
        bool(env, "VIGIL_EVENT_RELAY", true),
        number(env, "VIGIL_RELAY_POLL_MS", 250),
        number(env, "VIGIL_RELAY_LEASE_MS", 5000));
  }

  public static GatewaySettings fromEnv() {
    return fromEnv(System.getenv());
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      require(parsed <= Integer.MAX_VALUE, name + " is too large: " + value);
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  @Override
  public String toString() {
    return "GatewaySettings[httpPort=" + httpPort + ", tokens="
        + tokens.stream().map(t -> t.name() + ":***:" + t.role().wireName()).collect(Collectors.joining(",", "[", "]"))
        + ", insecure=" + insecure + ", maxBodyBytes=" + maxBodyBytes + ", idleTimeoutMs=" + idleTimeoutMs
        + ", ssePollMs=" + ssePollMs + ", sseHeartbeatMs=" + sseHeartbeatMs + ", sseMaxStreams=" + sseMaxStreams
        + ", relayEnabled=" + relayEnabled + ", relayPollMs=" + relayPollMs + ", relayLeaseMs=" + relayLeaseMs + "]";
  }
}
