package io.vigil.report.fetch;

/** A page could not be fetched; the message is safe to show in a report (no payloads, no credentials). */
public final class FetchException extends RuntimeException {
  public FetchException(String message) {
    super(message, null, false, false);
  }
}
