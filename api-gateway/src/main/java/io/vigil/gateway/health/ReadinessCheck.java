package io.vigil.gateway.health;

import io.vertx.core.Future;

/** One condition /health/ready requires, for example the Sentinel quorum in Sentinel mode. */
public interface ReadinessCheck {

  /** Shown in the readiness body. */
  String name();

  /** Succeeds when the condition holds; the failure's message goes to the log only (it may name hosts). */
  Future<Void> check();

  /** The fixed text the readiness body shows while the check fails. */
  default String refusal() {
    return "not ready; the log has the cause";
  }
}
