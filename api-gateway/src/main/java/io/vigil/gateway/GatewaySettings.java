package io.vigil.gateway;

import static io.vigil.settings.SettingsException.require;

import io.vigil.gateway.auth.ApiToken;
import io.vigil.gateway.bridge.BridgeSettings;
import io.vigil.gateway.http.ServerTls;
import io.vigil.gateway.metrics.MetricsExposure;
import io.vigil.settings.EnvReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's configuration (the VIGIL_* variables of the README), validated once; every error names its
 * setting, and {@link #toString()} shows token names and roles only. {@code bridge}: the VIGIL_BRIDGE_*
 * event-bus bridges for clients outside the cluster (off by default).
 */
public record GatewaySettings(int httpPort, List<ApiToken> tokens, boolean insecure, int maxBodyBytes,
                              long idleTimeoutMs, long ssePollMs, long sseHeartbeatMs, int sseMaxStreams,
                              int sseMaxStreamsPerCaller,
                              boolean relayEnabled, long relayPollMs, long relayLeaseMs, BridgeSettings bridge,
                              ServerTls tls,
                              MetricsExposure metrics) {

  public GatewaySettings {
    tokens = List.copyOf(tokens);
    tls = tls == null ? ServerTls.OFF : tls;
    metrics = metrics == null ? new MetricsExposure(0, null) : metrics;
    require(!metrics.ownPort() || metrics.port() != httpPort, "VIGIL_METRICS_PORT", "must differ from VIGIL_HTTP_PORT");
    require(httpPort >= 0 && httpPort <= 65535, "VIGIL_HTTP_PORT", "must be between 0 and 65535, got " + httpPort);
    require(!tokens.isEmpty() || insecure, ApiToken.SETTING,
        "is empty: set name:token:role entries, or VIGIL_INSECURE=true for an open development gateway");
    require(maxBodyBytes >= 1024 && maxBodyBytes <= 64 * 1024 * 1024, "VIGIL_MAX_BODY_BYTES",
        "must be between 1024 and 67108864, got " + maxBodyBytes);
    require(idleTimeoutMs >= 1000, "VIGIL_HTTP_IDLE_TIMEOUT_MS", "must be >= 1000, got " + idleTimeoutMs);
    require(ssePollMs >= 10, "VIGIL_SSE_POLL_MS", "must be >= 10, got " + ssePollMs);
    require(sseHeartbeatMs >= 100 && sseHeartbeatMs < idleTimeoutMs, "VIGIL_SSE_HEARTBEAT_MS",
        "must be >= 100 and below VIGIL_HTTP_IDLE_TIMEOUT_MS, got " + sseHeartbeatMs);
    require(sseMaxStreams >= 1, "VIGIL_SSE_MAX_STREAMS", "must be >= 1, got " + sseMaxStreams);
    require(sseMaxStreamsPerCaller >= 1 && sseMaxStreamsPerCaller <= sseMaxStreams, "VIGIL_SSE_MAX_STREAMS_PER_CALLER",
        "must be between 1 and VIGIL_SSE_MAX_STREAMS (" + sseMaxStreams + "), got " + sseMaxStreamsPerCaller);
    require(relayPollMs >= 10, "VIGIL_RELAY_POLL_MS", "must be >= 10, got " + relayPollMs);
    require(relayLeaseMs >= 3 * relayPollMs, "VIGIL_RELAY_LEASE_MS",
        "must be at least 3 x VIGIL_RELAY_POLL_MS, got " + relayLeaseMs);
  }

  public static GatewaySettings fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new GatewaySettings(
        r.integer("VIGIL_HTTP_PORT", 8080),
        ApiToken.parseList(r.secret(ApiToken.SETTING)),
        r.bool("VIGIL_INSECURE", false),
        r.integer("VIGIL_MAX_BODY_BYTES", 1024 * 1024),
        r.wholeNumber("VIGIL_HTTP_IDLE_TIMEOUT_MS", 60_000),
        r.wholeNumber("VIGIL_SSE_POLL_MS", 250),
        r.wholeNumber("VIGIL_SSE_HEARTBEAT_MS", 15_000),
        r.integer("VIGIL_SSE_MAX_STREAMS", 1000),
        r.integer("VIGIL_SSE_MAX_STREAMS_PER_CALLER", Math.min(20, r.integer("VIGIL_SSE_MAX_STREAMS", 1000))),
        r.bool("VIGIL_EVENT_RELAY", true),
        r.wholeNumber("VIGIL_RELAY_POLL_MS", 250),
        r.wholeNumber("VIGIL_RELAY_LEASE_MS", 5000),
        BridgeSettings.fromEnv(env),
        ServerTls.fromEnv(r), MetricsExposure.fromEnv(r));
  }

  @Override
  public String toString() {
    return "GatewaySettings[httpPort=" + httpPort + ", tokens="
        + tokens.stream().map(t -> t.name() + ":***:" + t.role().wireName()).collect(Collectors.joining(",", "[", "]"))
        + ", insecure=" + insecure + ", maxBodyBytes=" + maxBodyBytes + ", idleTimeoutMs=" + idleTimeoutMs
        + ", ssePollMs=" + ssePollMs + ", sseHeartbeatMs=" + sseHeartbeatMs + ", sseMaxStreams=" + sseMaxStreams + ", sseMaxStreamsPerCaller=" + sseMaxStreamsPerCaller
        + ", relayEnabled=" + relayEnabled + ", relayPollMs=" + relayPollMs + ", relayLeaseMs=" + relayLeaseMs
        + ", bridge=" + bridge + ", " + tls + ", " + metrics + "]";
  }
}
