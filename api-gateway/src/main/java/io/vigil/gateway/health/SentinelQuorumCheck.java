package io.vigil.gateway.health;

import io.vertx.core.Future;
import io.vigil.core.redis.BrokerStatus;
import java.util.function.Supplier;

/**
 * Readiness in Sentinel mode: a majority of the configured Sentinels answered the broker's last topology
 * refresh. Without a majority no failover can be authorized, so a master loss would not heal by itself.
 */
public final class SentinelQuorumCheck implements ReadinessCheck {
  private final Supplier<BrokerStatus> status;

  public SentinelQuorumCheck(Supplier<BrokerStatus> status) {
    this.status = status;
  }

  @Override
  public String name() {
    return "sentinel-quorum";
  }

  @Override
  public String refusal() {
    return "no majority of the configured Sentinels answered";
  }

  @Override
  public Future<Void> check() {
    BrokerStatus now = status.get();
    if (now.sentinelsConfigured() == 0 || now.sentinelsAnswering() * 2 > now.sentinelsConfigured()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(now.sentinelsAnswering() + " of " + now.sentinelsConfigured()
        + " Sentinels answered, no majority" + (now.lastRefreshError() == null ? "" : ": " + now.lastRefreshError()));
  }
}
