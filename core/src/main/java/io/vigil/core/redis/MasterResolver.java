package io.vigil.core.redis;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/** Finds the current master: fixed for standalone, asked of the Sentinels otherwise. */
interface MasterResolver {

  /** Fails with a message naming what was asked when no source answered. */
  Future<MasterChoice> resolve();

  /** Keeps a push channel open (Sentinel failover events) and calls {@code onEvent(channel, body)} on each. */
  void watch(BiConsumer<String, String> onEvent);

  int configured();

  Future<Void> close();
}
