package io.vigil.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.sentinelconfig.ApplicationAcl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped application user must allow every command the roles send, or the first deployment fails
 * where the tests (which log in as the default user) did not. Reads the sources of every module but the
 * test kit and the benchmark, which are not roles.
 */
class ApplicationAclTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> SENTINEL_SIDE = Set.of("sentinel", "subscribe", "psubscribe", "unsubscribe");
  private static final Pattern JAVA_COMMAND = Pattern.compile("Command\\.([A-Z_]+)\\b");
  private static final Pattern LUA_COMMAND = Pattern.compile("redis\\.p?call\\(\\s*['\"]([A-Za-z]+)['\"]");

  @Test
  void applicationUserMayRunEveryCommandTheSourcesSendToDataNodes() {
    Set<String> sent = commands();
    Set<String> dataNodeCommands = new TreeSet<>(sent);
    dataNodeCommands.removeAll(SENTINEL_SIDE);

    assertThat(sent).contains("evalsha", "info", "blpop", "zadd"); // the scan found the engine
    assertThat(ApplicationAcl.dataNodeCommands()).containsAll(dataNodeCommands);
    assertThat(ApplicationAcl.dataNodeCommands()).doesNotContain("flushall", "flushdb", "shutdown", "debug", "config",
        "keys", "subscribe");
  }

  @Test
  void applicationUserMayAskSentinelsWhatTheSourcesAsk() {
    Set<String> sentinelSide = new TreeSet<>(commands());
    sentinelSide.retainAll(SENTINEL_SIDE);

    for (String command : sentinelSide) {
      assertThat(ApplicationAcl.sentinelCommands()).as(command)
          .anyMatch(allowed -> allowed.equals(command) || allowed.startsWith(command + "|"));
    }
    assertThat(ApplicationAcl.sentinelCommands()).contains("sentinel|get-master-addr-by-name", "subscribe")
        .noneMatch(c -> c.matches("sentinel\\|(set|remove|reset|failover|config|monitor)"));
  }

  private static Set<String> commands() {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT, 14)) {
      files.filter(ApplicationAclTest::isRoleSource).forEach(file -> {
        Matcher matcher = (file.toString().endsWith(".lua") ? LUA_COMMAND : JAVA_COMMAND).matcher(read(file));
        while (matcher.find()) {
          found.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static boolean isRoleSource(Path file) {
    String path = ROOT.relativize(file).toString().replace('\\', '/');
    return (path.endsWith(".java") || path.endsWith(".lua")) && path.contains("/src/main/")
        && !path.startsWith("testkit/") && !path.startsWith("bench/") && !path.contains("/target/");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
