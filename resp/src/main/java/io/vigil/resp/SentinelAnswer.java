package io.vigil.resp;

/** What one Sentinel answered to {@code SENTINEL MASTER}: {@code ballot} or {@code error} is set. */
public record SentinelAnswer(Endpoint sentinel, Ballot<Endpoint> ballot, RuntimeException error) {

  /** Null when it did not answer. */
  public Endpoint master() {
    return ballot == null ? null : ballot.master();
  }
}
