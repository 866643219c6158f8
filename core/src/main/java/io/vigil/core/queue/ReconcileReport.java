package io.vigil.core.queue;

/** Jobs re-filed into their state structure, put back to waiting, and dangling ids dropped. */
public record ReconcileReport(int refiled, int requeued, int dropped) {
  public ReconcileReport plus(ReconcileReport other) {
    return new ReconcileReport(refiled + other.refiled, requeued + other.requeued, dropped + other.dropped);
  }
}
