package io.vigil.gateway.fuzz;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The campaign's requests, generated from one seed: mutated submit bodies, random bodies, bad headers, odd paths,
 * query strings on list routes, Last-Event-ID values, raw garbage and oversized bodies. Every request asks the
 * server to close the connection after answering; each submit body carries a job id of its own.
 */
public final class BadRequests {
  static final String JOBS = "/api/v1/queues/q/jobs";
  private static final List<String> TEMPLATES = List.of("/api/v1/queues", "/api/v1/queues/{}", "/api/v1/queues/{}/pause",
      "/api/v1/queues/{}/jobs", "/api/v1/queues/q/jobs/{}", "/api/v1/queues/q/jobs/{}/retry", "/api/v1/queues/q/jobs/{}/cancel",
      "/api/v1/schedules/{}", "/api/v1/events", "/api/v1/reports/{}", "/api/v1/projects/{}/reports/latest", "/api/v1/cron",
      "/api/v1/queues/{}/throughput", "/api/v1/queues/{}/limits", "/api/v1/queues/q/jobs/{}/events", "/health/{}", "/metrics",
      "/{}", "/ui/{}", "/api/v1/{}/../../{}");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
      "get", "FOO", "CONNECT");
  private final Values v;
  private int serial;

  public BadRequests(long seed) {
    this.v = new Values(new Random(seed));
  }

  /** The whole campaign, in generation order. */
  public List<Shot> all() {
    List<Shot> out = new ArrayList<>();
    repeat(out, 3600, this::submitBody);
    repeat(out, 1500, this::randomBody);
    repeat(out, 1500, new BadHeaders(v, this)::next);
    repeat(out, 1500, this::path);
    repeat(out, 1000, this::query);
    repeat(out, 800, this::lastEventId);
    repeat(out, 300, this::raw);
    repeat(out, 100, this::oversized);
    return out;
  }

  private static void repeat(List<Shot> out, int count, java.util.function.Supplier<Shot> next) {
    for (int i = 0; i < count; i++) {
      out.add(next.get());
    }
  }

  /** A valid submission with an id of its own. */
  JsonObject validJob() {
    return new JsonObject().put("name", "echo").put("jobId", "fz-" + serial++)
        .put("data", new JsonObject().put("a", new JsonArray().add(1).add(new JsonObject().putNull("b"))))
        .put("options", new JsonObject().put("attempts", 3).put("delayMs", 10).put("priority", 1)
            .put("backoff", new JsonObject().put("type", "fixed").put("delayMs", 5)));
  }

  private Shot submitBody() {
    JsonObject job = validJob();
    JsonObject target = v.chance(60) ? job : job.getJsonObject("options");
    if (target == job.getJsonObject("options") && v.chance(30)) {
      target = target.getJsonObject("backoff");
    }
    String field = v.chance(85) ? v.pick(List.copyOf(target.fieldNames())) : v.pick(List.of("extra", "timeoutMs",
        "removeOnComplete", "jitter", "__proto__", "name "));
    Object value = v.json();
    if (value == null) {
      target.putNull(field);
    } else {
      target.put(field, value);
    }
    String text = job.encode();
    if (v.chance(30)) {
      text = textMutation(text);
    }
    boolean bulk = v.chance(30);
    if (bulk) {
      String one = v.chance(3) ? validJob().encode() : text;
      text = "{\"jobs\":[" + (v.chance(3) ? (one + ",").repeat(1000) + one : one) + "]}";
    }
    return new Shot("submit-body", request("POST", bulk ? JOBS + "/bulk" : JOBS, List.of(bearer(SUBMIT), json()),
        text.getBytes(StandardCharsets.UTF_8)));
  }

  private String textMutation(String text) {
    int at = v.below(text.length());
    return switch (v.below(8)) {
      case 7 -> {
        int depth = 900 + v.below(20_000);
        yield "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "," + text.substring(1);
      }
      case 0 -> text.substring(0, at);
      case 1 -> text.substring(0, at) + (char) v.below(0xFFFF) + text.substring(at);
      case 2 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + v.below(5)));
      case 3 -> text + v.pick(List.of(" {}", "]", "garbage", "\u0000", ",", "\n{\"name\":\"echo\"}"));
      case 4 -> "\uFEFF" + text;
      case 5 -> text.replace("\"name\":\"echo\"", "\"name\":\"echo\",\"name\":\"other\"");
      default -> text.replace("\"", "'");
    };
  }

  private Shot randomBody() {
    byte[] body = v.bytes(v.below(600));
    String path = v.pick(List.of(JOBS, JOBS + "/bulk", "/api/v1/schedules/s-1", "/api/v1/queues/q/limits"));
    String type = v.pick(List.of("application/json", "text/plain", "application/octet-stream", "application/json; charset=utf-16"));
    return new Shot("random-body", request(path.startsWith("/api/v1/queues/q/jobs") ? "POST" : "PUT", path,
        List.of(bearer(v.chance(50) ? SUBMIT : ADMIN), "Content-Type: " + type), body));
  }

  private Shot path() {
    String method = v.pick(METHODS);
    String template = v.pick(TEMPLATES);
    String path = template;
    while (path.contains("{}")) {
      path = path.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(v.urlPart()));
    }
    if (v.chance(10)) {
      path = v.pick(List.of("*", "http://evil.example" + path, "//" + path, path.replace('/', '\\'), path + "#frag",
          path + "/", path.replace("/", "/./"), path.replace("/", "//"), ""));
    }
    byte[] body = method.equals("POST") || method.equals("PUT") ? "{\"name\":\"echo\"}".getBytes(StandardCharsets.UTF_8) : null;
    return new Shot("path", request(method, path, List.of(bearer(v.pick(List.of(READ, SUBMIT, ADMIN, "wrong"))), json()),
        body));
  }

  private Shot query() {
    String path = v.pick(List.of(JOBS, "/api/v1/queues", "/api/v1/schedules", "/api/v1/workers", "/api/v1/cron",
        "/api/v1/queues/q/throughput", "/api/v1/events", "/api/v1/queues/q/jobs/j-1/events"));
    List<String> names = List.of("state", "limit", "cursor", "expression", "timezone", "count", "minutes", "queue", "lastEventId",
        "format", "x", "", "state[]", "limit%00");
    StringBuilder query = new StringBuilder();
    for (int i = 0, n = 1 + v.below(4); i < n; i++) {
      query.append(i == 0 ? "?" : v.pick(List.of("&", ";", "&&"))).append(v.pick(names));
      if (v.chance(90)) {
        query.append('=').append(v.urlPart());
      }
    }
    return new Shot("query", request("GET", path + query, List.of(bearer(v.chance(90) ? READ : SUBMIT)), null));
  }

  private Shot lastEventId() {
    String id = v.chance(70) ? v.pick(List.of("0", "0-0", "1-1", "18446744073709551615-18446744073709551615",
        "18446744073709551616-0", "0-18446744073709551616", "-1", "1-", "-", "", "abc", "1-2-3", " 1-1", "1e5-0", "0x10-0",
        "$", "+", ">", "*", "1-*", "-0", "9".repeat(40) + "-0", "1-1\u0000", "١-١", "1 - 1", "+1-1"))
        : v.chance(50) ? v.randomText(v.below(60)) : "7".repeat(v.below(12_000));
    String queue = v.chance(80) ? "q" : v.urlPart();
    boolean header = v.chance(70);
    String target = "/api/v1/events?queue=" + queue + (header ? "" : "&lastEventId=" + v.urlPart());
    List<String> headers = header ? List.of(bearer(READ), "Last-Event-ID: " + id) : List.of(bearer(READ));
    return new Shot("last-event-id", request("GET", target, headers, null));
  }

  private Shot raw() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (v.below(4)) {
      case 0 -> out.writeBytes(v.bytes(1 + v.below(300)));
      case 1 -> out.writeBytes(v.randomText(1 + v.below(300)).getBytes(StandardCharsets.UTF_8));
      case 2 -> out.writeBytes((v.pick(METHODS) + " " + v.randomText(v.below(30)) + " " + v.pick(List.of("HTTP/1.1", "HTTP/9.9",
          "HTTP/1", "http/1.1", "", "HTTP/1.1 extra"))).getBytes(StandardCharsets.UTF_8));
      default -> out.writeBytes(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) v.below(256), 0x01, 0x00});
    }
    out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return new Shot("raw", out.toByteArray());
  }

  private Shot oversized() {
    byte[] data = ("{\"name\":\"echo\",\"data\":\"" + "x".repeat(17_000 + v.below(300_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
    if (v.chance(50)) {
      return new Shot("oversized", request("POST", JOBS, List.of(bearer(SUBMIT), json()), data));
    }
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    chunked.writeBytes(head("POST", JOBS, List.of(bearer(SUBMIT), json(), "Transfer-Encoding: chunked")));
    for (int at = 0; at < data.length; at += 4096) {
      int size = Math.min(4096, data.length - at);
      chunked.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      chunked.write(data, at, size);
      chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return new Shot("oversized", chunked.toByteArray());
  }

  static String bearer(String token) {
    return "Authorization: Bearer " + token;
  }

  static String json() {
    return "Content-Type: application/json";
  }

  /** A request with a Content-Length for {@code body} (none when null) unless {@code headers} set one. */
  static byte[] request(String method, String target, List<String> headers, byte[] body) {
    List<String> all = new ArrayList<>(headers);
    boolean framed = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "content-length", 0, 14)
        || h.regionMatches(true, 0, "transfer-encoding", 0, 17));
    if (body != null && !framed) {
      all.add("Content-Length: " + body.length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head(method, target, all));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  static byte[] head(String method, String target, List<String> headers) {
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    headers.forEach(h -> head.append(h).append("\r\n"));
    return head.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
