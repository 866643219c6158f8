package io.vigil.ops.backup;

/**
 * The CRC-64 Redis puts at the end of every RDB file (Jones polynomial, reflected, initial value 0):
 * {@code crc64("123456789") == 0xe9c6d914c4b8d9caL}.
 */
public final class Crc64 {

  private static final long POLY_REFLECTED = Long.reverse(0xad93d23594c935a9L);
  private static final long[] TABLE = new long[256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
      }
      TABLE[i] = crc;
    }
  }

  private long crc;

  public Crc64 update(byte[] bytes, int offset, int length) {
    long value = crc;
    for (int i = offset; i < offset + length; i++) {
      value = TABLE[(int) ((value ^ bytes[i]) & 0xff)] ^ (value >>> 8);
    }
    crc = value;
    return this;
  }

  public long value() {
    return crc;
  }
}
