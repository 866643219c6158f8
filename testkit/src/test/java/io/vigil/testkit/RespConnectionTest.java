package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.resp.Credentials;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import io.vigil.topology.RedisNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
@RedisSettings(password = "resp-pw")
class RespConnectionTest {

  @Test
  void everyReplyTypeIsParsed(RedisNode server) {
    server.flushAll();
    try (RespConnection client = server.connect()) {
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
  void errorsThrowAtTopLevelAndAreElementsInsideArrays(RedisNode server) {
    try (RespConnection client = server.connect()) {
      client.command("SET", "string", "x");
      assertThatThrownBy(() -> client.command("LPUSH", "string", "y"))
          .isInstanceOfSatisfying(RespError.class, e -> assertThat(e.code()).isEqualTo("WRONGTYPE"));

      client.command("MULTI");
      client.command("SET", "other", "1");
      client.command("LPUSH", "string", "y");
      List<?> results = (List<?>) client.command("EXEC");

      assertThat(results.get(0)).isEqualTo("OK");
      assertThat(results.get(1)).isInstanceOf(RespError.class);
    }
  }

  @Test
  void wrongPasswordIsRefusedAtConnect(RedisNode server) {
    assertThatThrownBy(() -> RespConnection.open(server.endpoint(), new Credentials(null, "wrong"), Duration.ofSeconds(2)))
        .isInstanceOfSatisfying(RespError.class, e -> assertThat(e.code()).isEqualTo("WRONGPASS"));
  }
}
