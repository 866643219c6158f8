package io.vigil.containers;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A REST client submitting {@code echo} jobs at a fixed rate through the gateways, like a careful caller: each
 * job has its own id, and a 503, 429 or lost connection is retried with the same id (idempotent) on the next
 * gateway until it is acknowledged (201/200) or the load stops. Records every acknowledgement's time.
 */
final class RestLoad implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Supplier<List<URI>> gateways;
  private final String token;
  private final String queue;
  private final JsonObject data;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders = Executors.newFixedThreadPool(24);
  /** Acknowledged job id -> first acknowledgement time (ms). */
  final Map<String, Long> acked = new ConcurrentHashMap<>();
  /** Acknowledged job id -> the gateway that acknowledged it. */
  private final Map<String, URI> ackedVia = new ConcurrentHashMap<>();
  final AtomicInteger submitted = new AtomicInteger();
  final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private volatile String idPrefix;
  private volatile boolean producing;
  private volatile long giveUpAt = Long.MAX_VALUE;

  String queue() {
    return queue;
  }

  RestLoad(Supplier<List<URI>> gateways, String token, String queue, JsonObject data) {
    this.gateways = gateways;
    this.token = token;
    this.queue = queue;
    this.data = data;
    this.idPrefix = queue;
  }

  /** Job ids {@code <prefix>-<n>} instead of {@code <queue>-<n>}, for a second load on the same queue. */
  RestLoad idPrefix(String prefix) {
    this.idPrefix = prefix;
    return this;
  }

  /** Starts submitting {@code perSecond} jobs a second. */
  RestLoad start(int perSecond) {
    producing = true;
    ticker.scheduleAtFixedRate(() -> {
      if (producing) {
        String id = idPrefix + "-" + submitted.incrementAndGet();
        senders.execute(() -> submit(id));
      }
    }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return this;
  }

  /** Stops new submissions; ones in flight keep retrying for {@code patience}, then give up (not acknowledged). */
  void stop(Duration patience) {
    producing = false;
    giveUpAt = System.currentTimeMillis() + patience.toMillis();
    ticker.shutdownNow();
    senders.shutdown();
    try {
      senders.awaitTermination(patience.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit(String id) {
    String body = new JsonObject().put("name", "echo").put("jobId", id).put("data", data).encode();
    int attempt = 0;
    while (System.currentTimeMillis() < giveUpAt) {
      List<URI> targets = gateways.get();
      URI gateway = targets.get((next.getAndIncrement() & Integer.MAX_VALUE) % targets.size());
      try {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/queues/" + queue + "/jobs"))
            .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 201 || status == 200) {
          acked.putIfAbsent(id, System.currentTimeMillis());
          ackedVia.putIfAbsent(id, gateway);
          return;
        }
        if (status != 503 && status != 429 && status != 502) {
          System.err.println("submit " + id + " answered " + status + ", not retried: " + response.body());
          return;
        }
      } catch (java.io.IOException e) {
        // the gateway is down or cut off: try the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      retries.incrementAndGet();
      attempt++;
      sleep(Math.min(100L * attempt, 500));
    }
  }

  /** The longest time between acknowledgements inside [from, to), counting from {@code from}. */
  long longestAckGap(long from, long to) {
    long previous = from;
    long longest = 0;
    for (long t : acked.values().stream().filter(t -> t >= from && t < to).sorted().toList()) {
      longest = Math.max(longest, t - previous);
      previous = t;
    }
    return longest;
  }

  /** Milliseconds from {@code t} to the first acknowledgement by {@code gateway} at or after it, -1 when none. */
  long firstAckVia(URI gateway, long t) {
    return acked.entrySet().stream().filter(e -> gateway.equals(ackedVia.get(e.getKey())) && e.getValue() >= t)
        .mapToLong(e -> e.getValue() - t).min().orElse(-1);
  }

  /** Milliseconds from {@code t} to the first acknowledgement at or after it, -1 when none. */
  long firstAckAfter(long t) {
    return acked.values().stream().filter(a -> a >= t).mapToLong(a -> a - t).min().orElse(-1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    producing = false;
    ticker.shutdownNow();
    senders.shutdownNow();
  }
}
