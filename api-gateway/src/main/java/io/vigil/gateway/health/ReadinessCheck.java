package io.vigil.gateway.health;

import io.vertx.core.Future;

/** One condition /health/ready requires, for example the Sentinel quorum in Sentinel mode. */
public interface ReadinessCheck {

  /** Shown in the readiness body. */
  String name();

  /** Succeeds when the condition holds; the failure's message is shown in the readiness body. */
  Future<Void> check();
}
