package io.vigil.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a file is a complete RDB: the {@code REDIS<version>} header and, unless Redis was told not to
 * write one ({@code rdbchecksum no} writes zero), the CRC-64 trailer over everything before it.
 *
 * @param version the RDB format version (10 for Redis 7.0)
 * @param checksummed false when the file carries no checksum
 */
public record RdbFile(Path path, long size, int version, boolean checksummed) {

  public static RdbFile verify(Path path) throws IOException {
    long size = Files.size(path);
    if (size < 9 + 1 + 8) {
      throw new IOException(path + " is too short to be an RDB file (" + size + " bytes)");
    }
    Crc64 crc = new Crc64();
    byte[] header = new byte[9];
    byte[] trailer = new byte[8];
    try (InputStream in = Files.newInputStream(path)) {
      if (in.readNBytes(header, 0, 9) != 9 || !new String(header, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
        throw new IOException(path + " is not an RDB file (no REDIS header)");
      }
      crc.update(header, 0, 9);
      long remaining = size - 9 - 8;
      byte[] buffer = new byte[64 * 1024];
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          throw new IOException(path + " ended early");
        }
        crc.update(buffer, 0, read);
        remaining -= read;
      }
      if (in.readNBytes(trailer, 0, 8) != 8) {
        throw new IOException(path + " has no checksum trailer");
      }
    }
    int version = Integer.parseInt(new String(header, 5, 4, StandardCharsets.US_ASCII));
    long stored = 0;
    for (int i = 7; i >= 0; i--) {
      stored = (stored << 8) | (trailer[i] & 0xff);
    }
    if (stored != 0 && stored != crc.value()) {
      throw new IOException(path + " is damaged: CRC-64 " + Long.toHexString(crc.value()) + " does not match the stored "
          + Long.toHexString(stored));
    }
    return new RdbFile(path, size, version, stored != 0);
  }

  @Override
  public String toString() {
    return path.getFileName() + " (" + size + " bytes, RDB v" + version + ", " + (checksummed ? "CRC-64 ok" : "no checksum")
        + ")";
  }
}
