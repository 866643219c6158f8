package io.vigil.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag} switches of an ops command; anything else is an error. */
final class Arguments {

  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /** @param options names that take a value; {@code flags} names that do not */
  static Arguments parse(String[] args, String... options) {
    return parse(args, Set.of(options), Set.of());
  }

  static Arguments parse(String[] args, Set<String> options, Set<String> flags) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (flags.contains(arg)) {
        values.put(arg, "true");
      } else if (options.contains(arg) && i + 1 < args.length) {
        values.put(arg, args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (known: " + List.copyOf(options)
            + (flags.isEmpty() ? "" : ", " + List.copyOf(flags)) + ")");
      }
    }
    return new Arguments(values);
  }

  String get(String name) {
    return values.get(name);
  }

  String getOrDefault(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
