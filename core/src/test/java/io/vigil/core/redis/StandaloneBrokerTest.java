package io.vigil.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector's broker on one standalone Redis: timeouts, retries across a restart, clear errors. */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class StandaloneBrokerTest {

  private static FailoverBroker connect(Vertx vertx, RedisNode redis, String commandTimeoutMs) {
    return RedisConnector.connect(vertx, RedisSettings.fromEnv(Map.of("REDIS_HOST", redis.host(),
        "REDIS_PORT", Integer.toString(redis.port()), "REDIS_COMMAND_TIMEOUT", commandTimeoutMs))).await();
  }

  @Test
  void aStandaloneBrokerTalksToTheConfiguredNodeWithoutReplicaAcks(Vertx vertx, RedisNode redis) {
    FailoverBroker broker = connect(vertx, redis, "2000");
    try {
      Response pong = broker.send(Request.cmd(Command.PING)).await();

      assertThat(pong.toString()).isEqualTo("PONG");
      assertThat(broker.status()).isEqualTo(new BrokerStatus(new RedisAddress(redis.host(), redis.port()), 0, 0, 0, 0, 0, null));
    } finally {
      broker.close().await();
    }
  }

  @Test
  void aCallOutlivesARestartThatEndsWithinTheCommandTimeout(Vertx vertx, RedisNode redis) throws Exception {
    FailoverBroker broker = connect(vertx, redis, "10000");
    try {
      redis.stop();
      long start = System.currentTimeMillis();
      Future<Response> call = broker.send(Request.cmd(Command.PING));
      // The outage under test: the server stays down this long, within the command timeout.
      Thread.sleep(700);
      redis.restart();

      assertThat(call.await().toString()).isEqualTo("PONG");
      System.out.println("standalone.call_waited_through_restart " + (System.currentTimeMillis() - start) + " ms");
    } finally {
      redis.restart();
      broker.close().await();
    }
  }

  @Test
  void aDownServerFailsCallsWithRedisUnavailableOnlyAfterTheCommandTimeout(Vertx vertx, RedisNode redis) {
    FailoverBroker broker = connect(vertx, redis, "800");
    try {
      redis.stop();
      long start = System.currentTimeMillis();

      assertThatThrownBy(() -> broker.send(Request.cmd(Command.PING)).await())
          .isInstanceOf(RedisUnavailableException.class)
          .hasMessageContaining("Redis unavailable after")
          .hasMessageContaining(redis.address());
      long failedAfter = System.currentTimeMillis() - start;
      redis.restart();
      Response pong = broker.send(Request.cmd(Command.PING)).await();

      System.out.println("standalone.unavailable_after " + failedAfter + " ms");
      assertThat(failedAfter).isGreaterThanOrEqualTo(800);
      assertThat(pong.toString()).isEqualTo("PONG");
    } finally {
      redis.restart();
      broker.close().await();
    }
  }
}
