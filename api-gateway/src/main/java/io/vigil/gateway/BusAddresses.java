package io.vigil.gateway;

/** The event-bus addresses the gateway serves or publishes on. */
public final class BusAddresses {
  /** Request/reply: a submission {queue, name, data, jobId?, options?}; replies {status, job}. */
  public static final String SUBMIT = "vigil.jobs.submit";
  /** Publish: {queue, jobId} of an active job whose handler should stop. */
  public static final String CANCEL = "vigil.jobs.cancel";
  /** Publish: every job lifecycle event of every queue. */
  public static final String EVENTS = "vigil.jobs.events";

  private BusAddresses() {}

  /** Publish: the lifecycle events of one queue. */
  public static String eventsOf(String queue) {
    return EVENTS + "." + queue;
  }
}
