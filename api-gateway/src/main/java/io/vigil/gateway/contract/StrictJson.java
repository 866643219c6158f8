package io.vigil.gateway.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * A streaming syntax check that is stricter than the JSON decoder used afterwards: one root value,
 * no duplicate keys (which a lenient decoder silently resolves), bounded nesting, valid UTF-8, no NaN.
 * It builds no objects, so a hostile body costs one pass over its bytes.
 */
public final class StrictJson {
  public static final int MAX_DEPTH = 64;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private StrictJson() {}

  /** Returns null when the bytes are acceptable JSON, otherwise a short reason safe to show the caller. */
  public static String problem(byte[] body) {
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return "the body is empty";
      }
      int depth = 0;
      do {
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.VALUE_STRING) {
          parser.getTextLength(); // decodes the string, which is where invalid UTF-8 is found
        }
      } while (depth > 0 && (token = parser.nextToken()) != null);
      if (parser.nextToken() != null) {
        return "the body holds more than one JSON value";
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "the body is not valid JSON: " + reason(e);
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // Jackson appends the source location and an excerpt of the input; keep only the first line.
    int cut = message.indexOf('\n');
    return cut < 0 ? message : message.substring(0, cut);
  }
}
