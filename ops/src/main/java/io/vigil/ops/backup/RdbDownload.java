package io.vigil.ops.backup;

import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Takes a consistent RDB snapshot over the network as {@code redis-cli --rdb} does: {@code REPLCONF rdb-only 1},
 * {@code SYNC}, then the {@code $<length>} payload of one point in time, without stopping writes.
 */
final class RdbDownload {

  /** Between keepalive newlines the node may be busy forking; a long silence means it is stuck. */
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  private RdbDownload() {}

  static long download(RespConnection admin, Path target) throws IOException {
    admin.setTimeout(READ_TIMEOUT);
    try {
      admin.command("REPLCONF", "rdb-only", "1");
    } catch (RespError e) {
      // Before Redis 7.0 there is no rdb-only: the node then also streams replication after the payload,
      // which is harmless because the connection is closed right after it.
    }
    admin.send(List.of("SYNC"));
    InputStream in = admin.input();
    String header = readHeader(in);
    if (header.startsWith("-")) {
      throw new IOException("SYNC refused by " + admin.endpoint() + ": " + header.substring(1));
    }
    if (!header.startsWith("$") || header.startsWith("$EOF:")) {
      throw new IOException("unexpected SYNC reply from " + admin.endpoint() + ": " + header);
    }
    long length = Long.parseLong(header.substring(1));
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[64 * 1024];
      long remaining = length;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          throw new EOFException(admin.endpoint() + " closed the connection with " + remaining + " of " + length
              + " bytes missing");
        }
        out.write(buffer, 0, read);
        remaining -= read;
      }
    }
    return length;
  }

  /** Skips the bare newlines the node sends while it prepares the snapshot, then reads the reply line. */
  private static String readHeader(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed before the snapshot arrived");
      }
      if (b == '\n') {
        if (line.length() == 0) {
          continue;
        }
        int end = line.length() - (line.charAt(line.length() - 1) == '\r' ? 1 : 0);
        return new String(line.substring(0, end).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
      line.append((char) b);
    }
  }
}
