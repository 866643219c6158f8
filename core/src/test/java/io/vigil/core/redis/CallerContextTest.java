package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.script.Script;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker answers every caller on the caller's own context, whichever context opened the shared
 * pipelined connections: a processor keeps its state unsynchronised on its context and relies on this.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class CallerContextTest {
  private static final List<String> KEYS = java.util.Collections.nCopies(12, "cc:{q}:k");

  @Test
  void scriptRepliesArriveOnTheCallersContextEvenOnConnectionsAnotherContextOpened(Vertx vertx, RedisNode redis)
      throws Exception {
    FailoverBroker broker = RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of("REDIS_HOST", redis.host(),
        "REDIS_PORT", Integer.toString(redis.port())))).await();
    try {
      // Another context opens the connections first.
      Context opener = vertx.getOrCreateContext();
      Promise<Void> opened = Promise.promise();
      opener.runOnContext(v -> broker.eval(Script.EXTEND_LEASE, KEYS, List.of("p:", "0", "1000"))
          .<Void>mapEmpty().onComplete(opened));
      opened.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      Context caller = vertx.getOrCreateContext();
      List<Boolean> onCaller = new ArrayList<>();
      Promise<Void> done = Promise.promise();
      caller.runOnContext(v -> {
        List<io.vertx.core.Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          calls.add(broker.eval(Script.EXTEND_LEASE, KEYS, List.of("p:", "0", "1000"))
              .onComplete(ar -> onCaller.add(Vertx.currentContext() == caller)));
        }
        io.vertx.core.Future.all(calls).<Void>mapEmpty().onComplete(done);
      });
      done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(onCaller).hasSize(20).containsOnly(true);
    } finally {
      broker.close().await();
    }
  }
}
