package io.vigil.ops.doctor;

import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asks a node whether a user may run a command ({@code ACL DRYRUN}) without running it. DRYRUN checks
 * arity, so the sample command is built from {@code COMMAND INFO}: the minimum number of arguments, keys
 * where the command takes keys, a channel for PUBLISH, {@code 0} everywhere else.
 */
final class DryRun {

  private final RespConnection admin;
  private final String user;
  private final String key;
  private final String channel;

  /** @param prefix keys and channels in samples are {@code <prefix>:doctor}, so only the command is judged */
  DryRun(RespConnection admin, String user, String prefix) {
    this.admin = admin;
    this.user = user;
    this.key = prefix + ":doctor";
    this.channel = prefix + ":doctor";
  }

  /** True when the user may run {@code command} ({@code zadd}, {@code client|setname}) on the sample key. */
  boolean allowed(String command) {
    return allowed(sample(command));
  }

  /** True when the user may run exactly these arguments. */
  boolean allowed(List<String> args) {
    List<String> dryRun = new ArrayList<>(List.of("ACL", "DRYRUN", user));
    dryRun.addAll(args);
    try {
      return "OK".equals(admin.command(dryRun));
    } catch (RespError e) {
      throw new IllegalStateException("ACL DRYRUN " + String.join(" ", args) + ": " + e.getMessage(), e);
    }
  }

  List<String> sample(String command) {
    List<?> info = (List<?>) ((List<?>) admin.command("COMMAND", "INFO", command)).get(0);
    if (info == null) {
      throw new IllegalStateException("this Redis has no command " + command);
    }
    List<String> args = new ArrayList<>(List.of(command.toUpperCase(Locale.ROOT).split("\\|")));
    int argc = (int) Math.abs((Long) info.get(1));
    long firstKey = (Long) info.get(3);
    long lastKey = (Long) info.get(4);
    long step = (Long) info.get(5);
    long last = lastKey < 0 ? argc + lastKey : lastKey;
    for (int position = args.size(); position < argc; position++) {
      boolean isKey = firstKey > 0 && position >= firstKey && position <= last && (position - firstKey) % Math.max(1, step) == 0;
      boolean isChannel = command.equals("publish") && position == 1;
      args.add(isKey ? key : isChannel ? channel : "0");
    }
    return args;
  }
}
