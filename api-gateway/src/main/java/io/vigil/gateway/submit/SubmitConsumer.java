package io.vigil.gateway.submit;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.gateway.contract.BodySchema;
import io.vigil.gateway.contract.StrictJson;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.auth.Role;
import io.vigil.gateway.http.HttpProblem;
import io.vigil.gateway.http.Problem;
import io.vigil.gateway.http.ProblemMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code vigil.jobs.submit}: the REST submission body plus {@code queue}, as a JsonObject or as
 * JSON text, checked against the contract's submitJob body schema. Replies {@code {status, job}} like
 * REST; refusals fail the message with the HTTP status as failure code and the problem JSON as message.
 * Like REST, a message needs an {@code authorization: Bearer <token>} header with the submit role (401/403
 * otherwise): being a cluster member is not enough to create jobs.
 */
public record SubmitConsumer(Submitter submitter, BodySchema schema, ProblemMapper problems,
                             Authenticator authenticator) implements Handler<Message<Object>> {
  private static final Logger LOG = LoggerFactory.getLogger(SubmitConsumer.class);

  @Override
  public void handle(Message<Object> message) {
    Future<SubmitResult> result;
    try {
      Caller caller = authenticator.authenticate(message.headers().get(HttpHeaders.AUTHORIZATION));
      if (caller == null) {
        throw new HttpProblem(401, "UNAUTHORIZED", "send the header authorization: Bearer <token> with a valid API token");
      }
      if (!caller.role().includes(Role.SUBMIT)) {
        LOG.info("auth=refused via=eventbus caller={} role={} needed=submit", caller.name(), caller.role().wireName());
        throw new HttpProblem(403, "FORBIDDEN", "submitting needs the submit role");
      }
      JsonObject body = decode(message.body());
      Object queue = body.remove("queue");
      if (!(queue instanceof String name)) {
        throw new InvalidRequestException("queue is required: a string naming the queue");
      }
      String problem = schema.problem(body);
      if (problem != null) {
        throw new InvalidRequestException("the submission is invalid: " + problem);
      }
      if (!caller.queues().allows(name)) {
        LOG.info("auth=refused via=eventbus caller={} reason=queue-pattern", caller.name());
        throw new HttpProblem(403, "FORBIDDEN", "this token may not use queue " + name);
      }
      result = submitter.submit(name, body);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(r -> message.reply(r.toBusReply())).onFailure(e -> {
      Problem problem = problems.map(e, 500);
      message.fail(problem.status(), problem.toJson().encode());
    });
  }

  private static JsonObject decode(Object body) {
    if (body instanceof JsonObject json) {
      return json.copy();
    }
    Buffer bytes = body instanceof String text ? Buffer.buffer(text) : body instanceof Buffer buffer ? buffer : null;
    if (bytes == null) {
      throw new InvalidRequestException("the message body must be a JSON object");
    }
    String problem = StrictJson.problem(bytes.getBytes());
    if (problem != null) {
      throw new InvalidRequestException(problem);
    }
    Object value = io.vertx.core.json.Json.decodeValue(bytes);
    if (!(value instanceof JsonObject json)) {
      throw new InvalidRequestException("the message body must be a JSON object");
    }
    return json;
  }
}
