package io.vigil.core.redis;

import io.vertx.core.Future;

/** A dedicated Redis connection used only to wait for wake-up markers. */
public interface BlockingChannel {
  /** BLPOP on the key; completes with the popped value, or null when the timeout passed. */
  Future<String> popMarker(String key, long timeoutMs);

  Future<Void> close();
}
