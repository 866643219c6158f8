package io.vigil.gateway.http;

/**
 * A refusal decided by the gateway itself (authentication, routing, body limits, validation), as
 * opposed to the engine's {@link io.vigil.core.error.VigilException}s. {@link ProblemMapper} renders both.
 */
public final class HttpProblem extends RuntimeException {
  private final int status;
  private final String code;

  public HttpProblem(int status, String code, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static HttpProblem invalid(String detail) {
    return new HttpProblem(400, "INVALID_REQUEST", detail);
  }
}
