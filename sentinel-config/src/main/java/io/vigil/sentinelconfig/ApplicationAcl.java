package io.vigil.sentinelconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The application user's command allow-list as the shipped templates define it: what Vigil needs, and so
 * what {@code vigil doctor} expects a deployment's application user to be allowed (and nothing of the
 * dangerous kind). Commands are lower case, subcommands written {@code client|setname}.
 */
public final class ApplicationAcl {

  private ApplicationAcl() {}

  /** The {@code +command} rules of the application user in redis.conf. */
  public static List<String> dataNodeCommands() {
    return allowed(SentinelConfigRenderer.REDIS_TEMPLATE);
  }

  /** The {@code +command} rules of the application user in sentinel.conf. */
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
            commands.add(rule.substring(1).toLowerCase(java.util.Locale.ROOT));
          }
        }
        return List.copyOf(commands);
      }
    }
    throw new IllegalStateException(template + " defines no application user line starting with '" + marker + "'");
  }
}
