package io.vigil.ops.backup;

import io.vigil.ops.local.ManagedProcess;
import io.vigil.ops.resp.Credentials;
import io.vigil.ops.resp.Endpoint;
import io.vigil.ops.resp.RespConnection;
import io.vigil.ops.resp.Replies;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a restored {@code dump.rdb} into an append-only file in the same folder, so the node can start on
 * the shipped redis.conf ({@code appendonly yes}) at once. Redis with AOF on and no AOF yet starts EMPTY
 * and ignores dump.rdb; the safe order is to load the RDB with AOF off, then switch AOF on, which makes
 * Redis write the AOF from memory.
 *
 * <ol>
 *   <li>Starts a private redis-server on a free loopback port with a random password, AOF and saving off.
 *   <li>{@code CONFIG SET appendonly yes}, then waits until the rewrite finished and succeeded.
 *   <li>Counts the keys, shuts the server down (the AOF is fsynced on exit).
 * </ol>
 */
public final class AofRewrite {

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private AofRewrite() {
  }

  /** @return the number of keys loaded from the RDB */
  public static long run(Path server, Path dir) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Endpoint endpoint = new Endpoint("127.0.0.1", port);
    List<String> command = List.of(server.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--dbfilename", "dump.rdb", "--appendonly", "no", "--save", "",
        "--requirepass", password, "--logfile", dir.resolve("restore.log").toString());
    Credentials credentials = new Credentials(null, password);
    try (ManagedProcess process = ManagedProcess.start("restore redis-server", command, dir, dir.resolve("restore.log"),
        endpoint, credentials, TIMEOUT)) {
      try (RespConnection connection = RespConnection.open(endpoint, credentials, Duration.ofSeconds(30))) {
        long keys = keys(Replies.info(connection.command("INFO", "keyspace")));
        connection.command("CONFIG", "SET", "appendonly", "yes");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
          Map<String, String> persistence = Replies.info(connection.command("INFO", "persistence"));
          if ("1".equals(persistence.get("aof_enabled")) && "0".equals(persistence.get("aof_rewrite_in_progress"))
              && "0".equals(persistence.get("aof_rewrite_scheduled"))) {
            if (!"ok".equals(persistence.get("aof_last_bgrewrite_status"))) {
              throw new IOException("the AOF rewrite failed; see " + dir.resolve("restore.log"));
            }
            break;
          }
          if (System.nanoTime() > deadline) {
            throw new IOException("the AOF rewrite did not finish within " + TIMEOUT.toMinutes() + " minutes");
          }
          ManagedProcess.pause(50);
        }
        connection.send(List.of("SHUTDOWN"));
        return keys;
      } finally {
        process.stop();
      }
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
