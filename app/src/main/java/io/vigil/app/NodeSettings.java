package io.vigil.app;

import io.vigil.dispatcher.DispatcherSettings;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.redis.RedisSettings;
import io.vigil.gateway.GatewaySettings;
import io.vigil.gateway.http.ServerTls;
import io.vigil.gateway.metrics.MetricsExposure;
import io.vigil.report.ReportSettings;
import io.vigil.settings.EnvReader;
import io.vigil.worker.WorkerSettings;
import java.util.Map;
import java.util.Set;

/**
 * Every setting a node needs, read and validated before anything starts, so a bad value stops the
 * process with a message naming the variable. Only the settings of the roles it runs are read.
 */
public record NodeSettings(Set<Role> roles, ClusterSettings cluster, RedisSettings redis, EngineSettings engine,
                           GatewaySettings gateway, WorkerSettings worker, DispatcherSettings dispatcher,
                           ReportSettings report, int httpPort, int gatewayInstances, ServerTls httpTls,
                           MetricsExposure metrics) {

  public static NodeSettings fromEnv(Set<Role> roles, Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    return new NodeSettings(roles, ClusterSettings.fromEnv(env), RedisSettings.fromEnv(env),
        EngineSettings.fromEnv(env),
        roles.contains(Role.GATEWAY) ? GatewaySettings.fromEnv(env) : null,
        roles.contains(Role.WORKER) ? WorkerSettings.fromEnv(env) : null,
        roles.contains(Role.DISPATCHER) ? DispatcherSettings.fromEnv(env) : null,
        roles.contains(Role.WORKER) ? ReportSettings.fromEnv(env) : null,
        r.integer("VIGIL_HTTP_PORT", 8080, 0, 65535), r.integer("VIGIL_GATEWAY_INSTANCES", 2, 1, 64),
        ServerTls.fromEnv(r), MetricsExposure.fromEnv(r));
  }
}
