package io.vigil.core.error;

import java.util.List;

/**
 * The write was applied on the master but not confirmed by enough replicas in time; retry with the same
 * ids. {@link #jobIds} names the jobs of a submission (minted ones included), so a caller that gave none
 * can still retry without creating a second job.
 */
public final class NotDurableException extends VigilException {
  private final List<String> jobIds;

  public NotDurableException(String message) {
    this(message, List.of());
  }

  public NotDurableException(String message, List<String> jobIds) {
    super(ErrorCode.NOT_DURABLE, message);
    this.jobIds = List.copyOf(jobIds);
  }

  /** Empty for other writes than submissions. */
  public List<String> jobIds() {
    return jobIds;
  }
}
