package io.vigil.core.error;

/** Redis memory is above the configured share of maxmemory; nothing was written. */
public final class MemoryWatermarkException extends VigilException {
  public MemoryWatermarkException(String message) {
    super(ErrorCode.MEMORY_WATERMARK, message);
  }
}
