package io.vigil.core.redis;

import io.vertx.core.Future;
import java.util.function.Consumer;

/** Finds the current master: fixed for standalone, asked of the Sentinels otherwise. */
interface MasterResolver {

  /** Fails with a message naming what was asked when no source answered. */
  Future<MasterChoice> resolve();

  /** Keeps a push channel open (Sentinel {@code +switch-master}) and calls {@code onSwitch} on an event. */
  void watch(Consumer<String> onSwitch);

  int configured();

  Future<Void> close();
}
