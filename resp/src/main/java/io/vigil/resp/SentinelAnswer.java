package io.vigil.resp;

/**
 * What one Sentinel answered to {@code SENTINEL MASTER}: {@code ballot} or {@code error} is set.
 *
 * @param sentinel the Sentinel asked
 * @param flags its master flags, for example {@code master} or {@code s_down,master}; null on error
 */
public record SentinelAnswer(Endpoint sentinel, Ballot<Endpoint> ballot, String flags, RuntimeException error) {

  /** The master it names, or null when it did not answer. */
  public Endpoint master() {
    return ballot == null ? null : ballot.master();
  }
}
