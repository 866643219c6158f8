package io.vigil.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends raw bytes to an HTTP/1.1 server over a fresh socket and reads one answer, so requests no HTTP client would
 * build (bad request lines, conflicting lengths, trickled bodies) can be sent. An event stream is read up to its
 * head only; interim 1xx answers are skipped.
 */
public final class RawHttp {
  private final int port;
  private final int readTimeoutMs;

  public RawHttp(int port, int readTimeoutMs) {
    this.port = port;
    this.readTimeoutMs = readTimeoutMs;
  }

  /** What came back: a status (-1 none), the head and body, and how long after the last byte sent it ended. */
  public record Answer(int status, String contentType, byte[] body, long millisAfterSent, Outcome outcome) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public enum Outcome { ANSWERED, CLOSED_WITHOUT_ANSWER, TIMED_OUT }

  /** Sends {@code request} at once. */
  public Answer exchange(byte[] request, boolean head) {
    return exchange(new byte[][] {request}, 0, head);
  }

  /** Sends {@code parts} with {@code pauseMs} between them (a slow client), then reads the answer. */
  public Answer exchange(byte[][] parts, long pauseMs, boolean head) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), readTimeoutMs);
      socket.setSoTimeout(readTimeoutMs);
      OutputStream out = socket.getOutputStream();
      long sent = System.nanoTime();
      try {
        for (int i = 0; i < parts.length; i++) {
          if (i > 0 && pauseMs > 0) {
            Thread.sleep(pauseMs);
          }
          out.write(parts[i]);
          out.flush();
          sent = System.nanoTime();
        }
      } catch (IOException e) {
        // The server may answer (413) and close before it read everything: its answer is still read below.
      }
      return read(socket.getInputStream(), sent, head);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the gateway: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer read(InputStream in, long sent, boolean head) {
    try {
      while (true) {
        String headText = readHead(in);
        if (headText == null) {
          return new Answer(-1, null, new byte[0], since(sent), Outcome.CLOSED_WITHOUT_ANSWER);
        }
        String[] lines = headText.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = statusLine[0].startsWith("HTTP/") && statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -2;
        if (status >= 100 && status < 200) {
          continue;
        }
        String type = null;
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          String name = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
          switch (name) {
            case "content-type" -> type = value;
            case "content-length" -> length = Long.parseLong(value);
            case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
            default -> { }
          }
        }
        byte[] body;
        if (head || (type != null && type.startsWith("text/event-stream"))) {
          body = new byte[0];
        } else if (length >= 0) {
          body = in.readNBytes((int) length);
        } else if (chunked) {
          body = readChunked(in);
        } else {
          body = in.readAllBytes();
        }
        return new Answer(status, type, body, since(sent), Outcome.ANSWERED);
      }
    } catch (SocketTimeoutException e) {
      return new Answer(-1, null, new byte[0], since(sent), Outcome.TIMED_OUT);
    } catch (IOException e) {
      // A reset after the server gave up on the request.
      return new Answer(-1, null, new byte[0], since(sent), Outcome.CLOSED_WITHOUT_ANSWER);
    }
  }

  private static long since(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** The head up to the blank line, or null when the server closed before sending anything. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return head.size() == 0 ? null : head.toString(StandardCharsets.ISO_8859_1);
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
          : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      StringBuilder line = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (b != '\r') {
          line.append((char) b);
        }
      }
      int size = Integer.parseInt(line.toString().split(";", 2)[0].trim(), 16);
      if (size == 0) {
        in.readNBytes(2);
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      in.readNBytes(2);
    }
  }
}
