package io.vigil.resp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One blocking RESP2 connection to a Redis or Sentinel, for code where blocking is fine: the ops commands,
 * the topology launcher and tests (which so share no bugs with the Vert.x client under test).
 *
 * <p>Replies come back as String (simple and bulk strings), Long, List, or null; a top-level error reply
 * throws {@link RespError}, an error inside an array (EXEC) is returned as a {@link RespError} element.
 * Not thread-safe: one connection per thread.
 */
public final class RespConnection implements AutoCloseable {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Endpoint endpoint;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Endpoint endpoint, Socket socket) throws IOException {
    this.endpoint = endpoint;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
  }

  public static RespConnection open(Endpoint endpoint, Credentials credentials) {
    return open(endpoint, credentials, DEFAULT_TIMEOUT);
  }

  /** Connects and authenticates when {@code credentials} are set; the timeout bounds the connect and every read. */
  public static RespConnection open(Endpoint endpoint, Credentials credentials, Duration timeout) {
    return open(endpoint, credentials, timeout, null);
  }

  /** As {@link #open(Endpoint, Credentials, Duration)}, over TLS unless {@code tls} is null. */
  public static RespConnection open(Endpoint endpoint, Credentials credentials, Duration timeout, RespTls tls) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      if (tls != null) {
        socket = tls.wrap(socket, endpoint);
      }
      RespConnection connection = new RespConnection(endpoint, socket);
      if (credentials.isSet()) {
        if (credentials.user() == null) {
          connection.command("AUTH", credentials.password());
        } else {
          connection.command("AUTH", credentials.user(), credentials.password());
        }
      }
      return connection;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public Object command(String... args) {
    return command(Arrays.asList(args));
  }

  public Object command(List<String> args) {
    send(args);
    try {
      return parse(readLine());
    } catch (IOException e) {
      throw new UncheckedIOException("no reply from " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** Without reading the reply: the replication handshake reads raw bytes next. */
  public void send(List<String> args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    writeAscii(buffer, "*" + args.size() + "\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      writeAscii(buffer, "$" + bytes.length + "\r\n");
      buffer.writeBytes(bytes);
      writeAscii(buffer, "\r\n");
    }
    try {
      out.write(buffer.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send " + args.get(0) + " to " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** Positioned after the last reply read; for the RDB payload of SYNC. */
  public InputStream input() {
    return in;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by " + endpoint);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  public void setTimeout(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object parse(String line) throws IOException {
    if (line.isEmpty()) {
      throw new IOException("empty reply line from " + endpoint);
    }
    String rest = line.substring(1);
    return switch (line.charAt(0)) {
      case '+' -> rest;
      case '-' -> throw new RespError(rest);
      case ':' -> Long.parseLong(rest);
      case '$' -> bulk(Integer.parseInt(rest));
      case '*' -> array(Integer.parseInt(rest));
      default -> throw new IOException("unexpected reply from " + endpoint + ": " + line);
    };
  }

  private String bulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length + 2);
    if (bytes.length < length + 2) {
      throw new EOFException("connection closed by " + endpoint + " inside a bulk reply");
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private List<Object> array(int count) throws IOException {
    if (count < 0) {
      return null;
    }
    List<Object> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      try {
        items.add(parse(readLine()));
      } catch (RespError e) {
        items.add(e);
      }
    }
    return items;
  }

  private static void writeAscii(ByteArrayOutputStream buffer, String text) {
    buffer.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // abandoned anyway
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  @Override
  public String toString() {
    return "RespConnection[" + endpoint + "]";
  }
}
