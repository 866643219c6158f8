package io.vigil.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * HTTP load on the shipped gateway from this JVM: closed loop (N connections, each sending its next request
 * when the last one was answered) or open loop (a fixed rate, whatever the answers). Only 2xx answers count
 * in the figures; the others are counted apart and printed, so a figure over failed requests cannot mislead.
 */
final class RestLoad implements AutoCloseable {
  private final HttpClient client;
  private final String host;
  private final int port;
  private final String token;

  RestLoad(Vertx vertx, String baseUrl, String token, int connections) {
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.token = token;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  /** What a run measured: answers, elapsed time, each answer's latency, and each answer's body. */
  record Result(long count, long elapsedNs, List<Long> latenciesNs, List<JsonObject> bodies, long errors) {
    double perSecond() {
      return count / (elapsedNs / 1e9);
    }

    double percentileMs(double share) {
      List<Long> sorted = new ArrayList<>(latenciesNs);
      Collections.sort(sorted);
      return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * share))) / 1e6;
    }
  }

  /**
   * {@code users} loops post one body after another until {@code durationMs} has passed or {@code maxRequests}
   * were sent.
   */
  Result closedLoop(int users, long durationMs, long maxRequests, String path, Supplier<String> body) {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    long end = start + durationMs * 1_000_000L;
    AtomicLong budget = new AtomicLong(maxRequests);
    AtomicLong errors = new AtomicLong();
    List<Future<Void>> loops = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      Promise<Void> done = Promise.promise();
      loop(path, body, () -> System.nanoTime() < end && budget.getAndDecrement() > 0, latencies, errors, done);
      loops.add(done.future());
    }
    Future.all(loops).await();
    return new Result(latencies.size(), System.nanoTime() - start, latencies, List.of(), errors.get());
  }

  private void loop(String path, Supplier<String> body, BooleanSupplier more, List<Long> latencies, AtomicLong errors,
                    Promise<Void> done) {
    if (!more.getAsBoolean()) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    post(path, body.get()).onComplete(ar -> {
      if (ar.succeeded()) {
        latencies.add(System.nanoTime() - sent);
      } else {
        errors.incrementAndGet();
      }
      loop(path, body, more, latencies, errors, done);
    });
  }

  /**
   * Posts {@code total} bodies at {@code perSecond}, parked between sends; keeps every answer's body. A send
   * due while {@code maxInFlight} requests are unanswered is skipped and counted (the gateway is saturated
   * then, and queueing more would only stretch the run), so the run ends near its planned time.
   */
  Result openLoop(int perSecond, int total, int maxInFlight, String path, Supplier<String> body) {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
    List<JsonObject> bodies = Collections.synchronizedList(new ArrayList<>(total));
    List<Future<?>> answers = new ArrayList<>(total);
    AtomicLong inFlight = new AtomicLong();
    long start = System.nanoTime();
    long interval = 1_000_000_000L / perSecond;
    for (int i = 0; i < total; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (inFlight.get() >= maxInFlight) {
        continue;
      }
      inFlight.incrementAndGet();
      long sent = System.nanoTime();
      answers.add(post(path, body.get()).onComplete(ar -> inFlight.decrementAndGet()).onSuccess(answer -> {
        latencies.add(System.nanoTime() - sent);
        bodies.add(answer.toJsonObject());
      }));
    }
    Future.join(answers).await();
    return new Result(latencies.size(), System.nanoTime() - start, latencies, bodies, answers.size() - latencies.size());
  }

  Future<Buffer> post(String path, String body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
    return client.request(options).compose(request -> request.send(body)).compose(response -> response.body()
        .compose(answer -> response.statusCode() / 100 == 2 ? Future.succeededFuture(answer)
            : Future.failedFuture(new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + answer))));
  }

  @Override
  public void close() {
    client.close().await();
  }
}
