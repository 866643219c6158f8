package io.vigil.gateway.fuzz;

import java.nio.charset.StandardCharsets;

/** One generated request: its category (for the counts) and its raw bytes. */
public record Shot(String category, byte[] bytes) {
  /** The request, shortened, line ends shown as '|', for failure messages. */
  public String shown() {
    String text = new String(bytes, 0, Math.min(bytes.length, 500), StandardCharsets.ISO_8859_1);
    return text.replace("\r\n", "|").replaceAll("\\p{Cntrl}", "?");
  }

  /** Sent with HEAD: the answer has no body. */
  public boolean head() {
    return requestLine().startsWith("HEAD ");
  }

  /**
   * A request line naming an HTTP version other than 1.0 and 1.1 (HTTP/1.2, HTTP/2.0): Vert.x itself answers it
   * 501 with no body, before any handler (Http1xServerRequestHandler, no hook to change it).
   */
  public boolean unknownVersion() {
    String line = requestLine();
    String version = line.substring(line.lastIndexOf(' ') + 1);
    return version.matches("(?i)HTTP/\\d+\\.\\d+") && !version.equals("HTTP/1.0") && !version.equals("HTTP/1.1");
  }

  /**
   * A request Vert.x may drop without an answer: a chunked body (a broken chunk closes the connection in
   * Http1xServerConnection.handleError), or bytes with no request line that only time out.
   */
  public boolean mayGoUnanswered() {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains("Transfer-Encoding: chunked") || category.equals("raw");
  }

  private String requestLine() {
    String text = new String(bytes, 0, Math.min(bytes.length, 20_000), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    return end < 0 ? text : text.substring(0, end);
  }
}
