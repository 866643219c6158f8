package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vigil.core.error.RedisUnavailableException;
import io.vigil.core.error.ScriptFailureException;
import io.vigil.core.error.VigilException;
import io.vigil.core.script.Script;
import java.util.List;
import java.util.function.Function;

/** How the broker calls scripts (EVALSHA, and once EVAL on NOSCRIPT) and reports their failures as typed errors. */
final class ScriptCalls {
  private ScriptCalls() {}

  static Request scriptRequest(Command command, Script script, List<String> keys, List<String> args) {
    Request request = Request.cmd(command).arg(command == Command.EVAL ? script.text() : script.sha1()).arg(keys.size());
    for (String key : keys) {
      request.arg(key);
    }
    for (String arg : args) {
      request.arg(arg);
    }
    return request;
  }

  /** On NOSCRIPT (a new master's empty cache) the same call once as EVAL. */
  static Future<Response> evalOnce(Function<Request, Future<Response>> sender, Script script,
                                   List<String> keys, List<String> args) {
    return sender.apply(scriptRequest(Command.EVALSHA, script, keys, args))
        .recover(t -> isNoScript(t)
            ? sender.apply(scriptRequest(Command.EVAL, script, keys, args))
            : Future.failedFuture(t));
  }

  static boolean isNoScript(Throwable t) {
    // A batch reports "ERR [i] NOSCRIPT ..." per failed command, a single send plain "NOSCRIPT ...".
    return t.getMessage() != null && TransientErrors.replies(t.getMessage()).stream().anyMatch(r -> r.startsWith("NOSCRIPT"));
  }

  /** Keeps typed errors; transport and failover errors become unavailable, anything else a script failure. */
  static <T> Future<T> classify(Throwable t) {
    if (t instanceof VigilException) {
      return Future.failedFuture(t);
    }
    if (TransientErrors.isTransient(t)) {
      return Future.failedFuture(new RedisUnavailableException("Redis unavailable: " + t.getMessage(), t));
    }
    return Future.failedFuture(new ScriptFailureException("Redis refused the command: " + t.getMessage()));
  }
}
