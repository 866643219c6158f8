package io.vigil.core.consume;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.keys.QueueKeys;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import io.vigil.core.redis.BlockingChannel;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a processor's jobs, on the processor's context, and hands each one it was granted to the processor.
 * 1. Fetches while the processor has free slots, one fetch at a time.
 * 2. When the queue is empty it blocks on the queue's wake-up marker (never busy-polls), at most until the
 *    next delayed job is due; a rate-limited queue is waited out on a timer.
 * 3. A fetch whose reply never came is repeated with the same lease token, which finds the job it leased,
 *    even while stopping; while stopping nothing else is fetched.
 * 4. While cut off (a lease could not be renewed in time) it sends PING instead, and fetches nothing until
 *    Redis answers.
 */
final class FetchLoop {
  private static final Logger log = LoggerFactory.getLogger(FetchLoop.class);
  private static final long REDIS_RETRY_MS = 200;

  private final Vertx vertx;
  private final Engine engine;
  private final ProcessorSettings settings;
  private final ProcessorListener listener;
  private final String markerKey;
  private final IntSupplier runningCount;
  private final BooleanSupplier stopping;
  private final Consumer<Lease> take;
  private final Runnable checkDrained;
  private BlockingChannel channel;
  private boolean fetching;
  private boolean waiting;
  /** Set when a lease could not be renewed in time; cleared by the next answer from Redis. */
  private boolean cutOff;
  /** Token of a fetch whose reply never came; the next fetch repeats it. */
  private String unansweredFetch;
  private long unansweredSince;

  /**
   * {@code take} receives every job a fetch was granted; {@code checkDrained} is called when, while stopping,
   * the loop has nothing more to send.
   */
  FetchLoop(Vertx vertx, Engine engine, ProcessorSettings settings, ProcessorListener listener,
            IntSupplier runningCount, BooleanSupplier stopping, Consumer<Lease> take, Runnable checkDrained) {
    this.vertx = vertx;
    this.engine = engine;
    this.settings = settings;
    this.listener = listener;
    this.runningCount = runningCount;
    this.stopping = stopping;
    this.take = take;
    this.checkDrained = checkDrained;
    this.markerKey = new QueueKeys(engine.settings().prefix(), settings.queue()).marker();
  }

  /** True when no fetch is in flight and none is unanswered: nothing this loop sent can still grant a lease. */
  boolean quiet() {
    return !fetching && unansweredFetch == null;
  }

  /** Fetches nothing more until Redis answers a PING (or a fetch already in flight). */
  void cutOff() {
    cutOff = true;
  }

  /** Closes the blocking channel, which ends a wait on the marker; called once the processor is stopping. */
  void closeChannel() {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  void pump() {
    if (stopping.getAsBoolean()) {
      // Only a fetch whose reply was lost is sent again: the job it may have leased must be released.
      if (!fetching && unansweredFetch != null) {
        fetch();
      } else {
        checkDrained.run();
      }
      return;
    }
    if (fetching || waiting || runningCount.getAsInt() >= settings.concurrency()) {
      return;
    }
    if (cutOff) {
      probe();
    } else {
      fetch();
    }
  }

  private void fetch() {
    fetching = true;
    String token = unansweredFetch != null ? unansweredFetch : engine.transitions().newLeaseToken();
    Future<FetchOutcome> call;
    try {
      call = engine.transitions().fetch(settings.queue(), settings.workerId(), token);
    } catch (RuntimeException e) {
      // Thrown instead of failed: without this the loop would stay "fetching" for good.
      call = Future.failedFuture(e);
    }
    call.onComplete(ar -> {
      fetching = false;
      if (ar.failed()) {
        listener.redisError(settings.queue(), ar.cause());
        if (unansweredFetch == null) {
          unansweredFetch = token;
          unansweredSince = engine.clock().millis();
        } else if (stopping.getAsBoolean() && engine.clock().millis() - unansweredSince >= engine.settings().leaseMs()) {
          // Whatever it leased has expired by now; stalled recovery takes it from here.
          log.warn("fetch never answered queue={} workerId={} error={}", settings.queue(), settings.workerId(), ar.cause().toString());
          unansweredFetch = null;
        }
        vertx.setTimer(REDIS_RETRY_MS, id -> pump());
        return;
      }
      unansweredFetch = null;
      cutOff = false;
      if (ar.result() instanceof FetchOutcome.Fetched fetched) {
        take.accept(fetched.lease());
        pump();
      } else {
        idle(ar.result());
      }
    });
  }

  /** Waits for Redis to answer a PING before fetching again: a worker cut off from Redis takes no new work. */
  private void probe() {
    fetching = true;
    engine.broker().send(Request.cmd(Command.PING)).onComplete(ar -> {
      fetching = false;
      if (ar.succeeded()) {
        cutOff = false;
        log.info("redis answers again, fetching resumes queue={} workerId={}", settings.queue(), settings.workerId());
        pump();
      } else {
        vertx.setTimer(REDIS_RETRY_MS, id -> pump());
      }
    });
  }

  /** Decides how long to wait when no job could be taken. */
  private void idle(FetchOutcome outcome) {
    if (stopping.getAsBoolean()) {
      checkDrained.run();
      return;
    }
    if (outcome instanceof FetchOutcome.RateLimited limited) {
      waiting = true;
      vertx.setTimer(Math.max(1, limited.waitMs()), id -> {
        waiting = false;
        pump();
      });
      return;
    }
    long wait = settings.maxIdleWaitMs();
    if (outcome instanceof FetchOutcome.Idle idle && idle.nextDueAt() > 0) {
      wait = Math.max(1, Math.min(wait, idle.nextDueAt() - engine.clock().millis()));
    }
    awaitMarker(wait);
  }

  private void awaitMarker(long waitMs) {
    waiting = true;
    Future<BlockingChannel> ready = channel != null ? Future.succeededFuture(channel)
        : engine.broker().openBlockingChannel().onSuccess(c -> channel = c);
    ready.compose(c -> c.popMarker(markerKey, waitMs)).onComplete(ar -> {
      if (ar.failed()) {
        closeChannel();
        if (!stopping.getAsBoolean()) {
          listener.redisError(settings.queue(), ar.cause());
          vertx.setTimer(REDIS_RETRY_MS, id -> {
            waiting = false;
            pump();
          });
        }
        return;
      }
      waiting = false;
      pump();
    });
  }
}
