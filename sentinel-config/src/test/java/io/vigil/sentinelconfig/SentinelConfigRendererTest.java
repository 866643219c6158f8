package io.vigil.sentinelconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentinelConfigRendererTest {

  private static final Secrets SECRETS = new Secrets("admin-pw", "monitor-pw", "sentinel-pw", "vigil", "app-pw");
  private final SentinelConfigRenderer renderer = SentinelConfigRenderer.shipped();

  @TempDir
  Path dir;

  @Test
  void packedTemplatesAreByteForByteTheFilesInSentinelConfig() throws IOException {
    for (String name : List.of("redis.conf", "replica.conf", "sentinel.conf", "render.sh", "entrypoint.sh")) {
      assertThat(SentinelConfigRenderer.resource(name)).as(name).isEqualTo(Files.readString(Path.of(name)));
    }
  }

  @Test
  void replicaIsTheMasterFileFollowedByReplicaofAndNoPlaceholderIsLeft() {
    String master = renderer.dataNode(node().build());
    String replica = renderer.dataNode(node().master("10.0.0.1", 6379).build());

    assertThat(master).doesNotContain("{{", "}}", "\nreplicaof");
    assertThat(replica).startsWith(master).endsWith("replicaof 10.0.0.1 6379\n");
    assertThat(master).contains("requirepass \"admin-pw\"", "masterauth \"admin-pw\"", "port 7001",
        "user vigil-sentinel on \">monitor-pw\"", "user vigil on \">app-pw\" resetkeys ~jobs:* resetchannels &jobs:*",
        "maxmemory 64mb", "maxmemory-policy noeviction", "appendonly yes", "appendfsync everysec",
        "min-replicas-to-write 1", "dir \"" + dir + "\"", "logfile \"" + dir.resolve("redis.log") + "\"");
  }

  @Test
  void sentinelFileMonitorsWithQuorumTwoAndLogsInAsTheMonitoringUser() {
    String sentinel = renderer.sentinel(sentinel().build());

    assertThat(sentinel).doesNotContain("{{", "}}").contains("sentinel monitor queue 10.0.0.1 6379 2",
        "sentinel down-after-milliseconds queue 5000", "sentinel failover-timeout queue 10000",
        "sentinel auth-user queue vigil-sentinel", "sentinel auth-pass queue \"monitor-pw\"",
        "requirepass \"sentinel-pw\"", "user vigil on \">app-pw\"", "sentinel resolve-hostnames yes");
  }

  @Test
  void unsetPasswordsLeaveTheirLinesOutAndOverridesComeLast() {
    String master = renderer.dataNode(node().secrets(Secrets.none()).extraLines(List.of("maxmemory 20mb")).build());
    String sentinel = renderer.sentinel(sentinel().secrets(Secrets.none()).build());

    assertThat(master).doesNotContain("\nrequirepass", "\nmasterauth", "\nuser ").endsWith("maxmemory 20mb\n");
    assertThat(sentinel).doesNotContain("\nrequirepass", "\nsentinel auth-user", "\nsentinel auth-pass", "\nuser ");
  }

  @Test
  void valuesThatWouldBreakTheFileAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> new Secrets("pw\"\nrequirepass x", null, null, null, null))
        .hasMessageContaining("{{ADMIN_PASSWORD}}").hasMessageNotContaining("requirepass x");
    assertThatThrownBy(() -> node().keyPrefix("a:b").build()).hasMessageContaining("{{KEY_PREFIX}}");
    assertThatThrownBy(() -> node().port(70000).build()).hasMessageContaining("1..65535");
    assertThatThrownBy(() -> new Secrets(null, null, null, "default", "pw")).hasMessageContaining("default user");
    assertThat(SECRETS.toString()).doesNotContain("admin-pw", "monitor-pw", "sentinel-pw", "app-pw");
  }

  @Test
  void renderShIsTheSameRendererForCompose() throws Exception {
    NodeSettings replica = node().master("redis-master", 6379).logFile("").build();
    NodeSettings sentinel = sentinel().build();

    assertThat(renderSh(replica.dataNodeValues(), "redis.conf", "replica.conf")).isEqualTo(renderer.dataNode(replica));
    assertThat(renderSh(sentinel.sentinelValues(), "sentinel.conf")).isEqualTo(renderer.sentinel(sentinel));
    Map<String, String> badPort = new HashMap<>(sentinel.sentinelValues());
    badPort.put("PORT", "70000");
    assertThatThrownBy(() -> renderSh(badPort, "sentinel.conf")).hasMessageContaining("CONF_PORT must be 1..65535");
    Map<String, String> missing = new HashMap<>(sentinel.sentinelValues());
    missing.remove("APP_PASSWORD");
    assertThatThrownBy(() -> renderSh(missing, "sentinel.conf")).hasMessageContaining("CONF_APP_PASSWORD is not set");
  }

  private NodeSettings.Builder node() {
    return NodeSettings.builder().port(7001).dir(dir).secrets(SECRETS).keyPrefix("jobs").maxmemory("64mb");
  }

  private NodeSettings.Builder sentinel() {
    return NodeSettings.builder().port(7011).dir(dir).secrets(SECRETS).masterName("queue").master("10.0.0.1", 6379);
  }

  /** Runs sentinel-config/render.sh with CONF_* variables, as the compose entrypoint does. */
  private String renderSh(Map<String, String> values, String... templates) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", "render.sh"));
    command.addAll(List.of(templates));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("CONF_"));
    values.forEach((name, value) -> {
      if (value != null) {
        builder.environment().put("CONF_" + name, value);
      }
    });
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    if (process.exitValue() != 0) {
      throw new IllegalStateException(Files.readString(dir.resolve("stderr")));
    }
    return out;
  }
}
