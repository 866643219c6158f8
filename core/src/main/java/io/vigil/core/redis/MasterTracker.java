package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vigil.core.loop.PeriodicTask;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns "which master, and which replica acks": the one mutable fact of a failover broker.
 * 1. {@link #refresh} asks the resolver (one at a time, at most one per 100 ms unless forced), verifies
 *    ROLE on a new master, swaps endpoints, retires the old one and tells listeners.
 * 2. A Sentinel event forces a refresh at once; a timer refreshes every second (replica health, missed
 *    events) and re-opens lost subscriptions.
 * 3. Retries waiting register a waker run on the next switch, so they do not sleep through a finished failover.
 * 4. New passwords ({@link #useCredentials}) renew the Sentinel connections and, on the next refresh, the
 *    master's: a new endpoint for the same master, swapped in and the old one retired like after a switch.
 */
final class MasterTracker {
  private static final Logger log = LoggerFactory.getLogger(MasterTracker.class);
  static final long REFRESH_MS = 1_000;
  private static final long MIN_REFRESH_GAP_MS = 100;
  private static final long RETIRE_SLACK_MS = 250;
  private static final long FIRST_LOOKUP_PAUSE_MS = 250;
  private final Vertx vertx;
  private final Clock clock;
  private volatile RedisSettings settings;
  private volatile boolean renewCredentials;
  private volatile String renewError;
  private final MasterResolver resolver;
  private final ReplicaCounter counter = new ReplicaCounter();
  private final FailoverFence fence;
  private final List<Consumer<MasterChange>> listeners = new CopyOnWriteArrayList<>();
  private final Set<Runnable> wakers = ConcurrentHashMap.newKeySet();
  private volatile MasterEndpoint current;
  private volatile int answering;
  private volatile int sentinelQuorum;
  private volatile String lastError;
  private Future<MasterEndpoint> inflight;
  private long lastRefreshMs;
  private boolean forceAgain;
  private PeriodicTask refresher;
  private final CredentialWatcher credentials;
  private boolean closed;

  MasterTracker(Vertx vertx, Clock clock, RedisSettings settings, MasterResolver resolver) {
    this.vertx = vertx;
    this.clock = clock;
    this.fence = new FailoverFence(clock);
    this.settings = settings;
    this.resolver = resolver;
    this.credentials = new CredentialWatcher(vertx, this);
  }

  Future<Void> start() {
    int attempts = (int) Math.max(1, settings.connectTimeoutMs() / SentinelNode.QUERY_CAP_MS);
    return firstRefresh(attempts).compose(endpoint -> {
      synchronized (this) {
        if (!closed) {
          refresher = PeriodicTask.start(vertx, clock, "redis-topology-refresh", REFRESH_MS, this::tick);
          credentials.start(clock);
        }
      }
      resolver.watch(this::onSentinelEvent);
      return endpoint.warm(settings.minConnections());
    });
  }

  /**
   * The first lookup, tried again within the connect timeout: Sentinels that are starting, or busy on a
   * loaded host, may miss one query window, and a role should not fail its start for that.
   */
  private Future<MasterEndpoint> firstRefresh(int attemptsLeft) {
    return refresh(true).recover(e -> {
      if (attemptsLeft <= 1 || isClosed()) {
        return Future.failedFuture(e);
      }
      return vertx.timer(FIRST_LOOKUP_PAUSE_MS).compose(v -> firstRefresh(attemptsLeft - 1));
    });
  }

  MasterEndpoint current() {
    return current;
  }

  /** True while Sentinel is failing over this master: its acknowledgements are not to be trusted. */
  boolean fenced(MasterEndpoint endpoint) {
    return fence.fences(endpoint.address());
  }

  void onMasterChanged(Consumer<MasterChange> listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Runs {@code waker} once on the next switch; the returned action unregisters it. */
  Runnable onNextSwitch(Runnable waker) {
    wakers.add(waker);
    return () -> wakers.remove(waker);
  }

  BrokerStatus status() {
    MasterEndpoint e = current;
    return new BrokerStatus(e == null ? null : e.address(), e == null ? 0 : e.epoch(),
        e == null ? 0 : e.quorum().count(), answering, resolver.configured(), sentinelQuorum, lastError);
  }

  RedisSettings settings() {
    return settings;
  }

  /**
   * Switches to other passwords: Sentinel connections are renewed at once; when {@code dataChanged}, a forced
   * refresh replaces the master's connections (commands in flight on the old ones still get their replies).
   * A master that refuses the new password keeps being used with the old one, retried every refresh.
   */
  Future<MasterEndpoint> useCredentials(RedisSettings next, boolean dataChanged) {
    settings = next;
    resolver.useCredentials(next);
    if (dataChanged) {
      renewCredentials = true;
    }
    return refresh(true);
  }

  /** A node refused the password (WRONGPASS): a rotated password file is read at once. */
  void credentialsRefused() {
    credentials.reloadNow();
  }

  /** The current master after a refresh; a failed refresh keeps the last verified master. */
  Future<MasterEndpoint> refresh(boolean force) {
    Promise<MasterEndpoint> promise;
    synchronized (this) {
      if (closed) {
        return current != null ? Future.succeededFuture(current)
            : Future.failedFuture(new IllegalStateException("Connection is closed: broker closed"));
      }
      if (inflight != null) {
        // A forced refresh (switch event) must not reuse answers gathered before the event.
        forceAgain |= force;
        return inflight;
      }
      if (!force && current != null && clock.millis() - lastRefreshMs < MIN_REFRESH_GAP_MS) {
        return Future.succeededFuture(current);
      }
      promise = Promise.promise();
      inflight = promise.future();
    }
    resolver.resolve().compose(this::apply).onComplete(ar -> {
      boolean again;
      synchronized (this) {
        inflight = null;
        lastRefreshMs = clock.millis();
        again = forceAgain && !closed;
        forceAgain = false;
      }
      if (again) {
        refresh(true);
      }
      if (ar.succeeded()) {
        if (lastError != null) {
          log.info("redis topology refresh recovered master={}", ar.result().address());
        }
        lastError = null;
        promise.complete(ar.result());
      } else {
        String error = String.valueOf(ar.cause().getMessage());
        if (!error.equals(lastError) && !isClosed()) {
          log.warn("redis topology refresh failed master={} error={}", current == null ? null : current.address(), error);
        }
        lastError = error;
        answering = 0;
        if (TransientErrors.isAuthFailure(ar.cause())) {
          credentialsRefused();
        }
        MasterEndpoint known = current;
        promise.handle(known != null ? Future.succeededFuture(known) : Future.failedFuture(ar.cause()));
      }
    });
    return promise.future();
  }

  private Future<MasterEndpoint> apply(MasterChoice choice) {
    answering = choice.answering();
    sentinelQuorum = choice.sentinelQuorum();
    MasterEndpoint known = current;
    boolean sameMaster = known != null && known.address().equals(choice.master());
    boolean pending = renewCredentials;
    boolean renew = sameMaster && pending;
    if (sameMaster && !renew) {
      return keep(known, choice);
    }
    renewCredentials = false;
    MasterEndpoint next = new MasterEndpoint(vertx, settings, choice.master(), choice.epoch());
    Future<Void> verified = next.verifyRole().onFailure(e -> {
      next.close();
      if (pending) {
        renewCredentials = true;
      }
    });
    if (renew) {
      // The master refuses the new password (the file changed before ACL SETUSER): the connections opened
      // with the previous one still work, so the refresh succeeds with them and the renewal is tried again.
      verified.onFailure(e -> {
        if (!String.valueOf(e.getMessage()).equals(renewError)) {
          log.warn("redis master refused the new credentials, keeping the previous connections master={} error={}",
              known.address(), e.getMessage());
        }
        renewError = String.valueOf(e.getMessage());
      }).onSuccess(v -> renewError = null);
    }
    return verified
        .map(v -> {
          AckQuorum nextQuorum = renew ? quorum(choice, false, null)
              : quorum(choice, true, known == null ? null : known.address());
          synchronized (this) {
            if (closed) {
              next.close();
              throw new IllegalStateException("broker closed");
            }
            // The quorum travels with its endpoint: a write that sees the new master also sees what it needs there.
            next.quorum(nextQuorum);
            current = next;
          }
          if (renew) {
            fence.refreshed(next.address(), choice.failoverInProgress());
          } else {
            fence.lift();
          }
          int replicaAcks = nextQuorum.count();
          if (known == null) {
            log.info("redis master found master={} epoch={} replicaAcks={}", next.address(), next.epoch(), replicaAcks);
            return next;
          }
          if (renew) {
            log.info("redis connections renewed with new credentials master={}", next.address());
          } else {
            log.info("redis master switched from={} to={} epoch={} replicaAcks={}", known.address(),
                choice.master(), choice.epoch(), replicaAcks);
          }
          // In-flight replies still arrive; a durable write there is fenced or fails its WAIT anyway.
          known.retire(vertx, settings.replicaAckTimeoutMs() + RETIRE_SLACK_MS);
          next.warm(settings.minConnections());
          wakeAll();
          if (!renew) {
            MasterChange change = new MasterChange(known.address(), next.address(), next.epoch());
            listeners.forEach(l -> notify(l, change));
          }
          return next;
        })
        .recover(e -> renew && !isClosed() ? keep(known, choice) : Future.failedFuture(e));
  }

  private Future<MasterEndpoint> keep(MasterEndpoint known, MasterChoice choice) {
    fence.refreshed(known.address(), choice.failoverInProgress());
    known.quorum(quorum(choice, false, null));
    return Future.succeededFuture(known);
  }

  private AckQuorum quorum(MasterChoice choice, boolean newMaster, RedisAddress previous) {
    if (!settings.replicaAcks().automatic()) {
      return new AckQuorum(settings.replicaAcks().fixed(), Set.of(), false);
    }
    int count = counter.update(choice, newMaster, previous);
    return new AckQuorum(count, counter.trusted(), true);
  }

  private void wakeAll() {
    for (Runnable waker : wakers) {
      if (wakers.remove(waker)) {
        waker.run();
      }
    }
  }

  private static void notify(Consumer<MasterChange> listener, MasterChange change) {
    try {
      listener.accept(change);
    } catch (RuntimeException e) {
      log.warn("master change listener failed error={}", e.toString());
    }
  }

  private void onSentinelEvent(String channel, String body) {
    log.info("sentinel event channel={} body={}", channel, body);
    MasterEndpoint known = current;
    if (SentinelNode.FAILOVER_START.equals(channel) && known != null && body.endsWith(" " + known.address().host()
        + " " + known.address().port())) {
      fence.raise(known.address(), channel);
    } else {
      refresh(true);
    }
  }

  private Future<?> tick() {
    Future<MasterEndpoint> refreshed = refresh(false);
    resolver.watch(this::onSentinelEvent);
    return refreshed;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  Future<Void> close() {
    MasterEndpoint last;
    synchronized (this) {
      closed = true;
      if (refresher != null) {
        // Not waited for: a refresh in flight sees the broker closed and ends on its own.
        refresher.stop();
      }
      credentials.stop();
      last = current;
    }
    if (last != null) {
      last.close();
    }
    wakeAll();
    return resolver.close();
  }
}
