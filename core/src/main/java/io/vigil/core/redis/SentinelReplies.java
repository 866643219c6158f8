package io.vigil.core.redis;

import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns Sentinel's field/value replies (flat RESP2 arrays; Sentinel clients use RESP2) into {@link SentinelView}s. */
final class SentinelReplies {
  private SentinelReplies() {}

  static SentinelView view(RedisAddress sentinel, Response master, Response replicas) {
    Map<String, String> m = fields(master);
    RedisAddress address = new RedisAddress(require(m, "ip"), Integer.parseInt(require(m, "port")));
    long epoch = Long.parseLong(m.getOrDefault("config-epoch", "0"));
    List<SentinelView.Replica> list = new ArrayList<>();
    if (replicas != null) {
      for (Response entry : replicas) {
        list.add(replica(fields(entry)));
      }
    }
    return new SentinelView(sentinel, address, epoch, flags(m.get("flags")), List.copyOf(list));
  }

  static SentinelView.Replica replica(Map<String, String> f) {
    return new SentinelView.Replica(f.getOrDefault("name", f.get("ip") + ":" + f.get("port")), flags(f.get("flags")),
        f.getOrDefault("role-reported", ""), f.getOrDefault("master-link-status", ""));
  }

  static Set<String> flags(String text) {
    return text == null || text.isEmpty() ? Set.of() : Set.of(text.split(","));
  }

  static Map<String, String> fields(Response r) {
    Map<String, String> out = new HashMap<>();
    if (r == null) {
      return out;
    }
    for (int i = 0; i + 1 < r.size(); i += 2) {
      Response value = r.get(i + 1);
      out.put(r.get(i).toString(), value == null ? "" : value.toString());
    }
    return out;
  }

  private static String require(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("Sentinel reply has no '" + name + "' field");
    }
    return value;
  }
}
