package io.vigil.gateway.fuzz;

import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads every key with SCAN: the jobs that exist ({@code queue/id}) and the keys outside a prefix. */
public final class RedisKeys {
  private RedisKeys() {}

  public static Set<String> jobs(RedisNode redis) {
    Set<String> out = new TreeSet<>();
    for (String key : all(redis)) {
      int job = key.indexOf("}:job:");
      int open = key.indexOf(":{");
      if (job < 0 || open < 0) {
        continue;
      }
      String id = key.substring(job + "}:job:".length());
      out.add(key.substring(open + 2, job) + "/" + (id.contains(":") ? id.substring(0, id.indexOf(':')) : id));
    }
    return out;
  }

  public static List<String> outside(RedisNode redis, String prefix) {
    return all(redis).stream().filter(k -> !k.startsWith(prefix)).toList();
  }

  private static List<String> all(RedisNode redis) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<?> reply = (List<?>) redis.command("SCAN", cursor, "COUNT", "1000");
      cursor = String.valueOf(reply.get(0));
      ((List<?>) reply.get(1)).forEach(k -> keys.add(String.valueOf(k)));
    } while (!cursor.equals("0"));
    return keys;
  }
}
