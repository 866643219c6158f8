package io.vigil.gateway.health;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vigil.core.redis.Broker;

/**
 * Readiness of the Redis path: one script round trip that writes nothing but is declared write-capable
 * (a {@code #!lua} shebang without {@code no-writes}). Redis 7 refuses such a script on a replica
 * (READONLY), above maxmemory (OOM) and without enough replicas (NOREPLICAS): exactly when submissions
 * would fail too.
 */
public final class MasterScriptCheck implements ReadinessCheck {
  private static final String SCRIPT = "#!lua\nreturn 1";
  private final Broker broker;

  public MasterScriptCheck(Broker broker) {
    this.broker = broker;
  }

  @Override
  public String name() {
    return "redis-master-script";
  }

  @Override
  public String refusal() {
    return "the Redis master did not run a write-capable script (unreachable, a replica, out of memory or too few replicas)";
  }

  @Override
  public Future<Void> check() {
    return broker.send(Request.cmd(Command.EVAL).arg(SCRIPT).arg(0)).mapEmpty();
  }
}
