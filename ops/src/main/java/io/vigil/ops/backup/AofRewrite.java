package io.vigil.ops.backup;

import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.topology.Backend;
import io.vigil.topology.RedisNode;
import io.vigil.topology.RedisServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a restored {@code dump.rdb} into an AOF in the same folder: Redis with AOF on and no AOF yet starts
 * EMPTY. A private redis-server (random password, AOF off) loads the RDB, {@code CONFIG SET appendonly yes}
 * writes the AOF from memory, and SHUTDOWN fsyncs it.
 */
public final class AofRewrite {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private AofRewrite() {}

  /** Returns the number of keys loaded. */
  public static long run(Backend backend, Path dir) throws IOException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    // Its config file and log live beside the data, not in it: the node's own redis.conf stays untouched.
    Path work = Files.createTempDirectory(dir, ".aof-rewrite-");
    RedisServerConfig config = RedisServerConfig.named("restore").withPassword(password)
        .withConfig("dir " + RedisServerConfig.quote(dir.toString()), "dbfilename dump.rdb");
    boolean done = false;
    try (RedisNode server = config.start(backend, work, TIMEOUT);
        RespConnection connection = server.connect()) {
      connection.setTimeout(Duration.ofSeconds(30));
      long keys = keys(Replies.info(connection.command("INFO", "keyspace")));
      connection.command("CONFIG", "SET", "appendonly", "yes");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        Map<String, String> persistence = Replies.info(connection.command("INFO", "persistence"));
        if ("1".equals(persistence.get("aof_enabled")) && "0".equals(persistence.get("aof_rewrite_in_progress"))
            && "0".equals(persistence.get("aof_rewrite_scheduled"))) {
          if (!"ok".equals(persistence.get("aof_last_bgrewrite_status"))) {
            throw new IOException("the AOF rewrite failed; see " + server.logFile());
          }
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the AOF rewrite did not finish within " + TIMEOUT.toMinutes() + " minutes");
        }
        pause();
      }
      connection.send(List.of("SHUTDOWN"));
      done = true;
      return keys;
    } finally {
      clean(work, done);
    }
  }

  /** The config holds the password, so it always goes; the log stays when something failed. */
  private static void clean(Path work, boolean done) throws IOException {
    Files.deleteIfExists(work.resolve("redis.conf"));
    if (done) {
      BackupFiles.deleteTree(work);
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the AOF rewrite", e);
    }
  }

  private static long keys(Map<String, String> keyspace) {
    long total = 0;
    for (Map.Entry<String, String> db : keyspace.entrySet()) {
      if (db.getKey().startsWith("db")) {
        total += Long.parseLong(Replies.commaPairs(db.getValue()).getOrDefault("keys", "0"));
      }
    }
    return total;
  }
}
