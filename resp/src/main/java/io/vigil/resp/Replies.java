package io.vigil.resp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/** Turns the text and flat-array replies of INFO, CONFIG GET and SENTINEL into maps. */
public final class Replies {

  private Replies() {}

  /** {@code INFO} text: {@code field:value} lines. */
  public static Map<String, String> info(Object reply) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : String.valueOf(reply).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return fields;
  }

  /** A flat {@code [key, value, key, value, ...]} array (CONFIG GET, SENTINEL MASTER, RESP2 maps). */
  public static Map<String, String> pairs(Object reply) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<?> flat = (List<?>) reply;
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return fields;
  }

  /** {@code ip=127.0.0.1,port=7002,state=online,...}: the value of INFO replication's slaveN fields. */
  public static Map<String, String> commaPairs(String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        fields.put(part.substring(0, equals), part.substring(equals + 1));
      }
    }
    return fields;
  }

  /** The {@code slaveN} fields of {@code INFO replication}, each through {@link #commaPairs}. */
  public static List<Map<String, String>> replicas(Map<String, String> replication) {
    long count = Long.parseLong(replication.getOrDefault("connected_slaves", "0"));
    return LongStream.range(0, count).mapToObj(i -> commaPairs(replication.getOrDefault("slave" + i, ""))).toList();
  }
}
