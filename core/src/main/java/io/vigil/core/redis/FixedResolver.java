package io.vigil.core.redis;

import io.vertx.core.Future;
import java.util.function.BiConsumer;

/** Standalone mode: the master is the configured node. */
final class FixedResolver implements MasterResolver {
  private final RedisAddress address;

  FixedResolver(RedisAddress address) {
    this.address = address;
  }

  @Override
  public Future<MasterChoice> resolve() {
    return Future.succeededFuture(MasterChoice.fixed(address));
  }

  @Override
  public void watch(BiConsumer<String, String> onEvent) {
  }

  @Override
  public int configured() {
    return 0;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
