package io.vigil.gateway.health;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.redis.Broker;
import io.vigil.core.redis.BrokerStatus;
import java.util.function.Supplier;

/**
 * One condition /health/ready requires. The check's failure message goes to the log only (it may name
 * hosts); the readiness body shows the fixed {@code refusal}.
 */
public record ReadinessCheck(String name, String refusal, Supplier<Future<Void>> check) {

  public static ReadinessCheck of(String name, Supplier<Future<Void>> check) {
    return new ReadinessCheck(name, "not ready; the log has the cause", check);
  }

  /**
   * One script round trip that writes nothing but is declared write-capable (a {@code #!lua} shebang without
   * {@code no-writes}). Redis 7 refuses such a script on a replica (READONLY), above maxmemory (OOM) and
   * without enough replicas (NOREPLICAS): exactly when submissions would fail too.
   */
  public static ReadinessCheck masterScript(Broker broker) {
    return new ReadinessCheck("redis-master-script", "the Redis master did not run a write-capable script "
        + "(unreachable, a replica, out of memory or too few replicas)",
        () -> broker.send(Request.cmd(Command.EVAL).arg("#!lua\nreturn 1").arg(0)).mapEmpty());
  }

  /**
   * Sentinel mode: a majority of the configured Sentinels answered the broker's last topology refresh.
   * Without a majority no failover can be authorized, so a master loss would not heal by itself.
   */
  public static ReadinessCheck sentinelQuorum(Supplier<BrokerStatus> status) {
    return new ReadinessCheck("sentinel-quorum", "no majority of the configured Sentinels answered", () -> {
      BrokerStatus now = status.get();
      if (now.sentinelsConfigured() == 0 || now.sentinelsAnswering() * 2 > now.sentinelsConfigured()) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(now.sentinelsAnswering() + " of " + now.sentinelsConfigured()
          + " Sentinels answered, no majority" + (now.lastRefreshError() == null ? "" : ": " + now.lastRefreshError()));
    });
  }
}
