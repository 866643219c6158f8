package io.vigil.core.redis;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/** Finds the current master: fixed for standalone (a lambda), asked of the Sentinels otherwise. */
@FunctionalInterface
interface MasterResolver {

  /** Fails with a message naming what was asked when no source answered. */
  Future<MasterChoice> resolve();

  /** Keeps a push channel open (Sentinel failover events) and calls {@code onEvent(channel, body)} on each. */
  default void watch(BiConsumer<String, String> onEvent) {
  }

  /** New connections use these settings' Sentinel credentials; open ones retire once their replies are in. */
  default void useCredentials(RedisSettings next) {
  }

  /** Sentinels configured (0 standalone). */
  default int configured() {
    return 0;
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
