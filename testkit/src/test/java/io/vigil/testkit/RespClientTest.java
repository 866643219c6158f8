package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
@RedisSettings(password = "resp-pw")
class RespClientTest {

  @Test
  void everyReplyTypeIsParsed(RedisServer server) {
    server.flushAll();
    try (RespClient client = server.client()) {
      assertThat(client.command("SET", "text", "multi\r\nline ü")).isEqualTo("OK");
      assertThat(client.command("GET", "text")).isEqualTo("multi\r\nline ü");
      assertThat(client.command("INCRBY", "counter", "41")).isEqualTo(41L);
      assertThat(client.command("GET", "missing")).isNull();
      assertThat(client.command("RPUSH", "list", "a", "", "c")).isEqualTo(3L);
      assertThat(client.command("LRANGE", "list", "0", "-1")).isEqualTo(List.of("a", "", "c"));
      assertThat(client.command("LRANGE", "missing", "0", "-1")).isEqualTo(List.of());
      assertThat(client.command("BLPOP", "missing", "0.01")).isNull();
    }
  }

  @Test
  void errorsThrowAtTopLevelAndAreElementsInsideArrays(RedisServer server) {
    try (RespClient client = server.client()) {
      client.command("SET", "string", "x");
      assertThatThrownBy(() -> client.command("LPUSH", "string", "y"))
          .isInstanceOfSatisfying(RedisErrorReply.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));

      client.command("MULTI");
      client.command("SET", "other", "1");
      client.command("LPUSH", "string", "y");
      List<?> results = (List<?>) client.command("EXEC");

      assertThat(results.get(0)).isEqualTo("OK");
      assertThat(results.get(1)).isInstanceOf(RedisErrorReply.class);
    }
  }

  @Test
  void wrongPasswordIsRefusedAtConnect(RedisServer server) {
    assertThatThrownBy(() -> RespClient.connect(server.host(), server.port(), null, "wrong", Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(RedisErrorReply.class, e -> assertThat(e.code()).isEqualTo("WRONGPASS"));
  }
}
