package io.vigil.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLineLayoutTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  private JsonObject layout(String template, Object... args) {
    LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("io.vigil.Example"), Level.WARN,
        template, null, args);
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();
    String line = layout.doLayout(event);
    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n{");
    return new JsonObject(line.strip());
  }

  @Test
  void namedPlaceholdersBecomeFieldsWithTheirTypes() {
    JsonObject line = layout("lease lost queue={} jobId={} attempt {} workerId={} ms={} ok={}",
        "emails", "job-1", 3, "w-1", 12L, true);

    assertThat(line.getString("message")).isEqualTo("lease lost queue=emails jobId=job-1 attempt 3 workerId=w-1 ms=12 ok=true");
    assertThat(line.getString("level")).isEqualTo("WARN");
    assertThat(line.getString("logger")).isEqualTo("io.vigil.Example");
    assertThat(line.getString("time")).isNotBlank();
    assertThat(line.getMap()).containsEntry("queue", "emails").containsEntry("jobId", "job-1")
        .containsEntry("workerId", "w-1").containsEntry("ms", 12).containsEntry("ok", true);
    assertThat(line.fieldNames()).doesNotContain("attempt");
  }

  @Test
  void aFieldCannotOverwriteTheFixedOnesAndOddValuesStayValidJson() {
    JsonObject line = layout("message={} level={} master={} ratio={} escaped \\{} gone={}", "forged", "ERROR", null,
        Double.NaN, "x");

    assertThat(line.getString("level")).isEqualTo("WARN");
    assertThat(line.getString("message")).startsWith("message=forged level=ERROR");
    assertThat(line.getMap()).containsEntry("master", null).containsEntry("ratio", "NaN").containsEntry("gone", "x");
  }

  @Test
  void anExceptionIsOneFieldOfTheSameLine() {
    JsonObject line = layout("could not record outcome queue={} error={}", "q", "boom", new IllegalStateException("inner"));

    assertThat(line.getString("stackTrace")).startsWith("java.lang.IllegalStateException: inner").contains("\tat ");
    assertThat(line.getString("error")).isEqualTo("boom");
  }

  @Test
  void settingsAcceptTheDocumentedValuesInAnyCaseAndRefuseOthersNamingTheVariable() {
    assertThat(LogSettings.fromEnv(Map.of())).isEqualTo(LogSettings.DEFAULTS);
    assertThat(LogSettings.fromEnv(Map.of("VIGIL_LOG_FORMAT", "JSON", "VIGIL_LOG_LEVEL", " Debug ")))
        .isEqualTo(new LogSettings(LogSettings.Format.JSON, "DEBUG"));
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("VIGIL_LOG_FORMAT", "xml")))
        .hasMessage("VIGIL_LOG_FORMAT: must be text or json, got 'xml'");
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("VIGIL_LOG_LEVEL", "loud")))
        .hasMessage("VIGIL_LOG_LEVEL: must be trace, debug, info, warn or error, got 'loud'");
    assertThat(LogSettings.fromEnv(Map.of("VIGIL_LOG_LEVELS", "io.vigil.worker.JobRunLog=debug, com.hazelcast = warn")).loggers())
        .isEqualTo(Map.of("io.vigil.worker.JobRunLog", "DEBUG", "com.hazelcast", "WARN"));
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("VIGIL_LOG_LEVELS", "io.vigil=debug,verbose")))
        .hasMessage("VIGIL_LOG_LEVELS: must be logger=level pairs separated by commas, got 'verbose'");
    assertThatThrownBy(() -> LogSettings.fromEnv(Map.of("VIGIL_LOG_LEVELS", "io.vigil=loud")))
        .hasMessage("VIGIL_LOG_LEVELS: must be trace, debug, info, warn or error, got 'loud'");
  }
}
