package io.vigil.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.Operation;
import io.vigil.gateway.GatewayServices;
import io.vigil.gateway.GatewaySettings;
import io.vigil.gateway.auth.AccessHandler;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Role;
import io.vigil.gateway.contract.Contract;
import io.vigil.gateway.contract.ValidationHandler;
import io.vigil.gateway.health.HealthHandlers;
import io.vigil.gateway.health.ReadinessCheck;
import io.vigil.gateway.sse.EventStream;
import io.vigil.gateway.submit.Submitter;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the gateway's router from the contract: one route per contract operation, nothing else.
 * Each route runs, in order: access (401/403, before any body is read), the body limit (413), contract
 * validation (400/415), then the operation's handler. Failures and unmatched requests become problem+json.
 */
public final class ApiRouter {
  public static final String OPERATION = "vigil.operation";

  private ApiRouter() {}

  public static Router build(Vertx vertx, GatewaySettings settings, GatewayServices services, Contract contract) {
    Router router = Router.router(vertx);
    ProblemMapper problems = new ProblemMapper(services.metrics());
    router.route().failureHandler(problems);
    router.errorHandler(404, problems).errorHandler(405, problems);
    router.route().handler(new UriCheck());
    Authenticator authenticator = new Authenticator(settings.tokens());
    Map<String, Handler<RoutingContext>> handlers = handlers(vertx, settings, services, contract, authenticator);
    for (Operation operation : contract.openApi().operations()) {
      Handler<RoutingContext> handler = handlers.remove(operation.getOperationId());
      if (handler == null) {
        throw new IllegalStateException("contract operation " + operation.getOperationId() + " has no handler"
            + " (operations of other modules are passed with GatewayServices.withOperation)");
      }
      Route route = router.route(operation.getHttpMethod(), vertxPath(operation.getOpenAPIPath()))
          .putMetadata(OPERATION, operation.getOperationId());
      Role role = Contract.roleOf(operation);
      if (role != null) {
        route.handler(new AccessHandler(authenticator, role));
      }
      if (operation.getRequestBody() != null) {
        route.handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()));
      }
      if (operation.getRequestBody() != null || !operation.getParameters().isEmpty()) {
        route.handler(new ValidationHandler(vertx, contract, operation));
      }
      route.handler(handler);
    }
    if (!handlers.isEmpty()) {
      throw new IllegalStateException("handlers without a contract operation: " + handlers.keySet());
    }
    return router;
  }

  /** {@code /a/{b}/c} to vertx-web's {@code /a/:b/c}. */
  static String vertxPath(String openApiPath) {
    return openApiPath.replaceAll("\\{([^}]+)}", ":$1");
  }

  private static Map<String, Handler<RoutingContext>> handlers(Vertx vertx, GatewaySettings settings,
                                                              GatewayServices services, Contract contract,
                                                              Authenticator authenticator) {
    JobHandlers jobs = new JobHandlers(services.engine(), new Submitter(services.engine(), services.metrics()),
        vertx.eventBus());
    QueueHandlers queues = new QueueHandlers(services.engine());
    DirectoryHandlers directory = new DirectoryHandlers(services.schedules(), services.workers());
    HealthHandlers health = new HealthHandlers(Stream.concat(
        Stream.of(ReadinessCheck.masterScript(services.engine().broker())), services.readiness().stream()).toList(),
        authenticator);
    Map<String, Handler<RoutingContext>> map = new HashMap<>();
    map.put("submitJob", jobs.submit());
    map.put("submitJobs", jobs.submitBulk());
    map.put("listJobs", jobs.list());
    map.put("getJob", jobs.get());
    map.put("removeJob", jobs.remove());
    map.put("retryJob", jobs.retry());
    map.put("cancelJob", jobs.cancel());
    map.put("listQueues", queues.list());
    map.put("getQueue", queues.info());
    map.put("declareQueue", queues.declare());
    map.put("deleteQueue", queues.delete());
    map.put("pauseQueue", queues.pause());
    map.put("resumeQueue", queues.resume());
    map.put("listSchedules", directory.listSchedules());
    map.put("putSchedule", directory.putSchedule());
    map.put("getSchedule", directory.getSchedule());
    map.put("deleteSchedule", directory.deleteSchedule());
    map.put("listWorkers", directory.listWorkers());
    DashboardHandlers dashboard = new DashboardHandlers(services.engine());
    map.put("getCluster", dashboard.cluster());
    map.put("getThroughput", dashboard.throughput());
    map.put("setLimits", dashboard.setLimits());
    map.put("promoteJob", dashboard.promote());
    map.put("listJobEvents", dashboard.jobEvents());
    map.put("previewCron", dashboard.previewCron());
    map.put("whoami", dashboard.whoami(new Authenticator(settings.tokens())));
    map.put("streamEvents", EventStream.handler(vertx, services.engine().clock(), services.engine().events(), settings,
        services.metrics()));
    map.put("live", health.live());
    map.put("ready", health.ready());
    // On a port of its own, /metrics is not served here at all.
    map.put("metrics", settings.metrics().ownPort() ? ctx -> ctx.fail(404)
        : settings.metrics().handler(services.registry(), authenticator));
    map.put("openapi", ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(contract.yaml()));
    services.operations().forEach((operationId, handler) -> {
      if (map.putIfAbsent(operationId, handler) != null) {
        throw new IllegalStateException("operation " + operationId + " is served by the gateway itself");
      }
    });
    return map;
  }
}
