package io.vigil.ops.doctor;

import io.vigil.ops.Deployment;
import io.vigil.resp.Credentials;
import io.vigil.resp.Endpoint;
import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import java.util.List;
import java.util.Map;

/**
 * What the doctor reads from one data node, once: its settings (CONFIG GET, as the administrator), its
 * INFO, and whether it answers a client that sends no password. {@code error} is set when the node could
 * not be reached or its settings not read; {@code config} and {@code info} are then empty.
 */
record NodeSnapshot(Endpoint node, boolean reachable, boolean openWithoutPassword, Map<String, String> config,
    Map<String, String> info, String error) {

  static final List<String> SETTINGS = List.of("protected-mode", "save", "appendonly", "appendfsync", "maxmemory",
      "maxmemory-policy", "min-replicas-to-write", "min-replicas-max-lag", "slowlog-log-slower-than",
      "slowlog-max-len");

  static NodeSnapshot read(Deployment deployment, Endpoint node) {
    boolean open;
    try (RespConnection anonymous = deployment.node(node, Credentials.NONE)) {
      open = "PONG".equals(anonymous.command("PING"));
    } catch (RespError e) {
      open = false;
    } catch (RuntimeException e) {
      return new NodeSnapshot(node, false, false, Map.of(), Map.of(), "unreachable: " + e.getMessage());
    }
    try (RespConnection admin = deployment.admin(node)) {
      Map<String, String> config = new java.util.HashMap<>();
      for (String setting : SETTINGS) {
        config.putAll(Replies.pairs(admin.command("CONFIG", "GET", setting)));
      }
      return new NodeSnapshot(node, true, open, Map.copyOf(config), Replies.info(admin.command("INFO")), null);
    } catch (RuntimeException e) {
      return new NodeSnapshot(node, true, open, Map.of(), Map.of(), "cannot read its settings as "
          + deployment.settings().admin() + " (set REDIS_ADMIN_USERNAME/REDIS_ADMIN_PASSWORD): " + e.getMessage());
    }
  }

  long number(String setting) {
    return Long.parseLong(config.getOrDefault(setting, "0"));
  }
}
