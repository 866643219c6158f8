package io.vigil.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.List;

/**
 * A blocking RESP2 connection to one Redis or Sentinel, small enough that the test kit needs no client
 * library (and so cannot share bugs with the client under test).
 *
 * <p>Replies map to: simple string and bulk string to {@link String}, integer to {@link Long}, array to
 * {@code List<Object>}, nil to {@code null}; a top-level error throws {@link RedisErrorReply}. Not
 * thread-safe: one connection per thread.
 */
public final class RespClient implements AutoCloseable {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  public static RespClient connect(String host, int port) {
    return connect(host, port, null, null, DEFAULT_TIMEOUT);
  }

  /**
   * Connects and, when a password is given, authenticates ({@code AUTH password} or
   * {@code AUTH user password}). The timeout bounds the connect and every later read.
   */
  public static RespClient connect(String host, int port, String user, String password, Duration timeout) {
    Socket socket = new Socket();
    try {
      int millis = Math.toIntExact(timeout.toMillis());
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), millis);
      RespClient client = new RespClient(socket);
      if (password != null) {
        client.auth(user, password);
      }
      return client;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** {@code AUTH [user] password}; a null or blank user means the default user. */
  public void auth(String user, String password) {
    if (user == null || user.isBlank()) {
      command("AUTH", password);
    } else {
      command("AUTH", user, password);
    }
  }

  /** Sends one command as an array of bulk strings and returns its parsed reply. */
  public Object command(String... args) {
    try {
      write(args);
      Object reply = read();
      if (reply instanceof RedisErrorReply error) {
        // A fresh exception so the stack trace shows the caller, not the parser.
        throw new RedisErrorReply(error.getMessage());
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException("command " + args[0] + " failed on " + socket.getRemoteSocketAddress(), e);
    }
  }

  @Override
  public void close() {
    closeQuietly(socket);
  }

  private void write(String... args) throws IOException {
    out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      out.write(('$' + Integer.toString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write('\r');
      out.write('\n');
    }
    out.flush();
  }

  private Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed by server");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new RedisErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        return readBulk(Integer.parseInt(line));
      case '*':
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      default:
        throw new IOException("unsupported RESP type '" + (char) type + "' (only RESP2 is spoken)");
    }
  }

  private String readBulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("connection closed inside a bulk reply");
    }
    readLine(); // the CRLF after the payload
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new EOFException("connection closed inside a reply line");
      }
      line.write(b);
    }
    if (in.read() != '\n') {
      throw new IOException("malformed reply: CR without LF");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is best effort; the peer may already be gone (kill -9 tests).
    }
  }
}
