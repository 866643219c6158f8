package io.vigil.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points logback at standard error in the configured format and level. Called once settings are read;
 * until then {@code logback.xml} (plain lines, INFO) applies. Standard output stays free for command output
 * and the ready line, so a JSON log stream holds nothing but JSON.
 */
public final class Logging {
  /** Human-readable: time, level, thread, logger, then the message with its {@code key=value} pairs. */
  public static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

  private Logging() {}

  public static void configure(LogSettings settings) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding (a module's tests): nothing of ours to configure
    }
    context.reset();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder(context, settings.format()));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.level()));
    root.addAppender(console);
    settings.loggers().forEach((name, level) -> context.getLogger(name).setLevel(Level.toLevel(level)));
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings.Format format) {
    if (format == LogSettings.Format.JSON) {
      JsonLineLayout layout = new JsonLineLayout();
      layout.setContext(context);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
      encoder.setContext(context);
      encoder.setCharset(StandardCharsets.UTF_8);
      encoder.setLayout(layout);
      encoder.start();
      return encoder;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }
}
