package io.vigil.bench;

import io.vertx.core.Vertx;
import io.vigil.core.queue.Engine;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.FailoverBroker;
import io.vigil.core.redis.RedisConnector;
import io.vigil.core.redis.RedisSettings;
import io.vigil.resp.RespConnection;
import io.vigil.topology.ClientEnvironment;
import io.vigil.topology.LocalCredentials;
import io.vigil.topology.ProcessBackend;
import io.vigil.topology.SentinelTopology;
import io.vigil.topology.TopologySpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code e2e_drain_c50_durable}: the workers' drain on the production shape, its own Sentinel topology (master,
 * two replicas, three Sentinels, the shipped files) with {@code REDIS_MIN_REPLICA_ACKS=auto}, so every
 * completion waits for both replicas. Redis CPU is the master's.
 */
final class DurableDrain {
  private DurableDrain() {
  }

  static void run(Vertx vertx, String run, int jobs) throws InterruptedException {
    Path dir = BenchTarget.folder();
    TopologySpec spec = TopologySpec.shipped().withSecrets(LocalCredentials.loadOrCreate(dir, "vigil"))
        .withKeyPrefix(EngineBenchmark.PREFIX);
    try (SentinelTopology topology = SentinelTopology.start(ProcessBackend.local(), dir, spec)) {
      Map<String, String> env = new HashMap<>(ClientEnvironment.of(topology));
      env.put("REDIS_MIN_REPLICA_ACKS", "auto");
      env.putIfAbsent("REDIS_COMMAND_TIMEOUT", "30000");
      RedisSettings settings = RedisSettings.fromEnv(env);
      System.out.println("# durable: " + topology.sentinelAddresses().size() + " Sentinels, master "
          + topology.currentMaster().address() + ", broker " + settings);
      FailoverBroker broker = RedisConnector.connect(vertx, settings).await();
      Engine engine = Engine.create(broker, EngineSettings.fromEnv(Map.of("REDIS_QUEUE_PREFIX", EngineBenchmark.PREFIX,
          "REDIS_MEMORY_WATERMARK", "0")),
          Clock.systemUTC(), settings.durableFinish());
      try (RespConnection admin = RespConnection.open(topology.currentMaster().endpoint(), topology.adminAuth())) {
        EndToEnd.drain("e2e_drain_c50_durable", vertx, engine, admin, env, "e2e-durable-" + run, jobs);
      } finally {
        broker.close().await();
      }
    }
  }
}
