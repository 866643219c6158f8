package io.vigil.gateway.bridge;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vigil.gateway.BusAddresses;
import io.vigil.gateway.auth.Authenticator;
import io.vigil.gateway.auth.Caller;
import io.vigil.gateway.auth.Role;
import io.vigil.gateway.http.HttpProblem;
import io.vigil.gateway.http.ProblemMapper;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every frame a bridge client sends, with the same tokens and roles as REST.
 * 1. {@code send} to {@code vigil.jobs.submit} needs a submit token; {@code register} on
 *    {@code vigil.jobs.events} or {@code vigil.jobs.events.<queue>} needs a read token. The token travels in
 *    the frame's headers as {@code Authorization: Bearer <token>}; it is removed from a register frame and kept
 *    on a submission, which {@code vigil.jobs.submit} checks again like any event-bus submission.
 * 2. Anything else a client sends (publish, other addresses) is refused.
 * 3. A refusal is answered as a failed reply (status as failure code, problem JSON as message) to the
 *    frame's reply address, or to the address it tried to register, so clients see an error, not silence.
 */
public final class BridgeGuard {
  static final Pattern EVENTS = Pattern.compile(Pattern.quote(BusAddresses.EVENTS) + "(\\.[A-Za-z0-9][A-Za-z0-9._-]{0,127})?");
  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);
  private final Authenticator authenticator;
  private final ProblemMapper problems;

  /** Why a frame was refused, and where the client waits for the answer. */
  public record Refusal(int status, String problemJson, String address, String replyAddress) {

    /** The bridge protocol's error frame, addressed so the client's reply or register callback gets it. */
    public JsonObject frame() {
      return new JsonObject().put("type", "err").put("address", replyAddress != null ? replyAddress : address)
          .put("sourceAddress", address).put("failureCode", status).put("failureType", "RECIPIENT_FAILURE")
          .put("message", problemJson);
    }
  }

  public BridgeGuard(Authenticator authenticator, ProblemMapper problems) {
    this.authenticator = authenticator;
    this.problems = problems;
  }

  /** Null when the frame may go on (a register frame without its token header, see above). */
  public Refusal check(BridgeEventType type, JsonObject raw) {
    return switch (type) {
      case SEND -> BusAddresses.SUBMIT.equals(address(raw)) ? authorize(raw, Role.SUBMIT) : notPermitted(raw);
      case PUBLISH -> notPermitted(raw);
      case REGISTER -> EVENTS.matcher(address(raw)).matches() ? authorize(raw, Role.READ) : notPermitted(raw);
      default -> null;
    };
  }

  private Refusal authorize(JsonObject raw, Role needed) {
    JsonObject headers = raw.getJsonObject("headers");
    String authorization = null;
    if (headers != null) {
      for (String name : headers.fieldNames().toArray(String[]::new)) {
        if ("authorization".equalsIgnoreCase(name)) {
          // A submission keeps it: vigil.jobs.submit checks the token again, as for any cluster member.
          authorization = String.valueOf(needed == Role.SUBMIT ? headers.getValue(name) : headers.remove(name));
        }
      }
    }
    Caller caller = authenticator.authenticate(authorization);
    if (caller == null) {
      LOG.debug("bridge=refused status=401 address={}", address(raw));
      return refusal(raw, new HttpProblem(401, "UNAUTHORIZED", "send Authorization: Bearer <token> with a valid API token"));
    }
    if (!caller.role().includes(needed)) {
      LOG.info("bridge=refused status=403 caller={} role={} needed={} address={}", caller.name(),
          caller.role().wireName(), needed.wireName(), address(raw));
      return refusal(raw, new HttpProblem(403, "FORBIDDEN", "this operation needs the " + needed.wireName() + " role"));
    }
    return null;
  }

  private Refusal notPermitted(JsonObject raw) {
    LOG.debug("bridge=refused status=403 address={}", address(raw));
    return refusal(raw, new HttpProblem(403, "ADDRESS_NOT_PERMITTED", "bridge clients may send to "
        + BusAddresses.SUBMIT + " and register on " + BusAddresses.EVENTS + "[.<queue>] only"));
  }

  private Refusal refusal(JsonObject raw, HttpProblem problem) {
    return new Refusal(problem.status(), problems.map(problem, problem.status()).toJson().encode(), address(raw),
        raw.getString("replyAddress"));
  }

  private static String address(JsonObject raw) {
    String address = raw.getString("address");
    return address == null ? "" : address;
  }
}
