package io.vigil.gateway.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/** Hostile values for JSON fields, path segments, query values and header values, drawn from a seeded Random. */
final class Values {
  private static final List<String> STRINGS = List.of("", " ", "a:b", "{q}", "*", "..", "../..", "a\u0000b", "\u202Etxet",
      "\uD800", "\uDFFF", "\uFEFF", "😀😀", "é", "\u0085", "\r\n", "$", "%00", "null", "true", "0", "-0", "1e309", "NaN",
      "x".repeat(129), "y".repeat(5000), "<script>", "'; DROP", "\\", "/", "?", "#", "q", "echo");
  private static final List<Object> NUMBERS = List.of(-1, 0, 1, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0,
      1e308, -1e308, 4.9e-324, 9007199254740993L);

  private final Random random;

  Values(Random random) {
    this.random = random;
  }

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  int below(int bound) {
    return random.nextInt(bound);
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /** A JSON value of any type, sometimes huge or deeply nested. */
  Object json() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> pick(NUMBERS);
      case 3 -> new java.math.BigInteger(200, random);
      case 4, 5 -> string();
      case 6 -> nested(1 + random.nextInt(chance(10) ? 400 : 30));
      case 7 -> new JsonObject().put(string(), string()).putNull("n").put("k", pick(NUMBERS));
      case 8 -> new JsonArray().add(string()).add(random.nextInt()).addNull();
      default -> randomText(random.nextInt(300));
    };
  }

  String string() {
    return chance(70) ? pick(STRINGS) : randomText(1 + random.nextInt(40));
  }

  /** Any characters, control characters and unpaired surrogates included. */
  String randomText(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (chance(80) ? 32 + random.nextInt(95) : random.nextInt(0xFFFF)));
    }
    return out.toString();
  }

  Object nested(int depth) {
    Object inner = string();
    for (int i = 0; i < depth; i++) {
      inner = chance(50) ? new JsonArray().add(inner) : new JsonObject().put("d", inner);
    }
    return inner;
  }

  /** A value for a path segment or query parameter: hostile, percent-encoded or raw. */
  String urlPart() {
    return switch (random.nextInt(6)) {
      case 0 -> pick(List.of("..", "%2e%2e", "%252e%252e", "%2f", "%5c", "..%2f..%2fetc%2fpasswd", "%00", "%c0%ae%c0%ae",
          "%ff", "%", "%zz", "%u002e", ".%00.", "%0d%0aX-Injected:%20x", "~", "%7B%7D", "a%3Ab", ";x=1", "q;", "*"));
      case 1 -> java.net.URLEncoder.encode(string(), java.nio.charset.StandardCharsets.UTF_8);
      case 2 -> Long.toString(random.nextLong());
      case 3 -> "z".repeat(1 + random.nextInt(chance(20) ? 9000 : 200));
      case 4 -> pick(List.of("q", "echo", "waiting", "failed", "1", "50", "0-0", "*/5 * * * *", "UTC"));
      default -> randomText(1 + random.nextInt(20)).replace(' ', '+');
    };
  }

  byte[] bytes(int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }
}
