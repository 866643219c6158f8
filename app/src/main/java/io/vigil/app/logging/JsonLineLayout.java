package io.vigil.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per event: {@code time}, {@code level}, {@code logger}, {@code thread}, {@code message},
 * then one field per {@code name={}} placeholder of the message (the house style, so {@code queue}, {@code jobId},
 * {@code workerId} and {@code master} become fields without touching the call sites), SLF4J key-value
 * pairs, MDC entries, and {@code stackTrace} when an exception was logged. A field named twice keeps its
 * first value, so nothing overwrites the fixed fields.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  /** Every {@code {}} of an SLF4J template, with the {@code name=} written right before it, if any. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?:([A-Za-z][A-Za-z0-9_.]*)=)?(\\\\?)\\{}");

  @Override
  public String doLayout(ILoggingEvent event) {
    JsonObject line = new JsonObject()
        .put("time", event.getInstant().toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("message", event.getFormattedMessage());
    templateFields(line, event.getMessage(), event.getArgumentArray());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        putIfAbsent(line, pair.key, pair.value);
      }
    }
    for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
      putIfAbsent(line, entry.getKey(), entry.getValue());
    }
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      putIfAbsent(line, "stackTrace", ThrowableProxyUtil.asString(thrown));
    }
    return line.encode() + CoreConstants.LINE_SEPARATOR;
  }

  /** Pairs the template's placeholders with the arguments in order, as SLF4J does when it formats. */
  static void templateFields(JsonObject line, String template, Object[] arguments) {
    if (template == null || arguments == null || arguments.length == 0) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    int next = 0;
    while (m.find() && next < arguments.length) {
      if (!m.group(2).isEmpty()) {
        continue; // an escaped \{} is printed as is and takes no argument
      }
      Object argument = arguments[next++];
      if (m.group(1) != null) {
        putIfAbsent(line, m.group(1), argument);
      }
    }
  }

  private static void putIfAbsent(JsonObject line, String name, Object value) {
    if (line.containsKey(name)) {
      return;
    }
    boolean plain = value == null || value instanceof Boolean
        || value instanceof Number n && Double.isFinite(n.doubleValue()); // NaN is no JSON number
    line.put(name, plain ? value : String.valueOf(value));
  }
}
