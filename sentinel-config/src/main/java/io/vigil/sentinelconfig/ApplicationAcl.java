package io.vigil.sentinelconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The application user's allow-list in the shipped templates, lower case, subcommands as {@code client|setname}. */
public final class ApplicationAcl {

  private ApplicationAcl() {}

  public static List<String> dataNodeCommands() {
    return allowed(SentinelConfigRenderer.REDIS_TEMPLATE);
  }

  public static List<String> sentinelCommands() {
    return allowed(SentinelConfigRenderer.SENTINEL_TEMPLATE);
  }

  private static List<String> allowed(String template) {
    String marker = "user {{APP_USER}} ";
    for (String line : SentinelConfigRenderer.resource(template).split("\n")) {
      if (line.startsWith(marker)) {
        List<String> commands = new ArrayList<>();
        for (String rule : line.split(" ")) {
          if (rule.startsWith("+") && !rule.startsWith("+@")) {
            commands.add(rule.substring(1).toLowerCase(Locale.ROOT));
          }
        }
        return List.copyOf(commands);
      }
    }
    throw new IllegalStateException(template + " defines no application user line starting with '" + marker + "'");
  }
}
