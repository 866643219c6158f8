package io.vigil.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.error.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's own meters, beside Vert.x's HTTP and pool metrics.
 * 1. {@code vigil_jobs_submitted_total{queue,outcome}}: outcome created or existing.
 * 2. {@code vigil_gateway_refusals_total{code}}: problems sent, by problem code.
 * 3. {@code vigil_gateway_sse_streams}: open event streams.
 * 4. {@code vigil_gateway_relay_events_total}: events relayed to the event bus.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger streams = new AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> byCaller = new java.util.concurrent.ConcurrentHashMap<>();
  private final Counter relayed;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("vigil.gateway.sse.streams", streams, AtomicInteger::get)
        .description("Event streams (GET /events) open now").register(registry);
    this.relayed = Counter.builder("vigil.gateway.relay.events")
        .description("Job events relayed from Redis to the event bus").register(registry);
    // Every engine code from zero: an alert on increase() misses the first refusal of a series that did not exist.
    for (ErrorCode code : ErrorCode.values()) {
      refusals(code.name());
    }
  }

  public void submitted(String queue, boolean created, int count) {
    Counter.builder("vigil.jobs.submitted")
        .description("Jobs submitted; outcome created, or existing when the jobId was already taken")
        .tag("queue", queue).tag("outcome", created ? "created" : "existing").register(registry).increment(count);
  }

  public void refused(String code) {
    refusals(code).increment();
  }

  private Counter refusals(String code) {
    return Counter.builder("vigil.gateway.refusals")
        .description("Problem responses sent, by problem code (NOT_DURABLE, QUEUE_FULL, ...)").tag("code", code)
        .register(registry);
  }

  public void relayed(int count) {
    relayed.increment(count);
  }

  /**
   * Counts a stream as open if fewer than {@code max} are in this process and fewer than {@code perCaller} of
   * them belong to {@code caller} (a token's name); the caller must {@link #streamClosed(String)} later.
   */
  public boolean tryOpenStream(int max, String caller, int perCaller) {
    boolean[] taken = {false};
    byCaller.compute(caller, (name, open) -> {
      int now = open == null ? 0 : open;
      if (now >= perCaller || streams.getAndUpdate(n -> n < max ? n + 1 : n) >= max) {
        return open;
      }
      taken[0] = true;
      return now + 1;
    });
    return taken[0];
  }

  public void streamClosed(String caller) {
    streams.decrementAndGet();
    byCaller.computeIfPresent(caller, (name, open) -> open <= 1 ? null : open - 1);
  }
}
