package io.vigil.gateway.fuzz;

import static io.vigil.gateway.fuzz.BadRequests.JOBS;
import static io.vigil.gateway.fuzz.BadRequests.bearer;
import static io.vigil.gateway.fuzz.BadRequests.json;
import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid submissions with one header made wrong: Content-Type, Authorization, the body's framing (Content-Length
 * shorter than the body, negative, repeated, beside chunked; broken chunks), huge or many headers, folded or
 * nameless lines, unusual versions and Expect. A Content-Length longer than the body is a slow request (the
 * server waits for the rest), so it is sent among the slow ones.
 */
final class BadHeaders {
  private final Values v;
  private final BadRequests requests;

  BadHeaders(Values v, BadRequests requests) {
    this.v = v;
    this.requests = requests;
  }

  Shot next() {
    byte[] body = requests.validJob().encode().getBytes(StandardCharsets.UTF_8);
    List<String> headers = new ArrayList<>(List.of(bearer(SUBMIT), json()));
    switch (v.below(6)) {
      case 0 -> headers.set(1, "Content-Type: " + v.pick(List.of("", "text/plain", "application/json; charset=utf-16",
          "application/json;;;", "application/jsonx", "application/*", "*/*", "application/problem+json",
          "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "a".repeat(9000),
          "application/json, text/plain", v.randomText(30))));
      case 1 -> headers.set(0, v.pick(List.of("Authorization: Bearer", "Authorization: Bearer ", "Authorization: bearer " + SUBMIT,
          "Authorization: Basic c3VibWl0OnN1Ym1pdA==", "Authorization: Bearer " + READ, "Authorization: Bearer " + SUBMIT + "x",
          "Authorization: Bearer " + "t".repeat(9000), "Authorization: Bearer " + "t".repeat(2000),
          "Authorization: Bearer " + SUBMIT + " " + ADMIN, "Authorization: Bearer " + v.randomText(20),
          "Authorization: Bearer\t" + SUBMIT, "Authorization:", "X-No-Auth: 1")));
      case 2 -> framing(headers, body);
      case 3 -> {
        int count = v.chance(50) ? 100 + v.below(400) : 1;
        for (int i = 0; i < count; i++) {
          headers.add("X-F" + i + ": " + v.randomText(v.chance(10) ? 9000 : 20).replace("\r", "").replace("\n", ""));
        }
      }
      case 4 -> headers.add(v.pick(List.of("NoColonHere", ": empty-name", "Bad Name: x", " folded: x", "X-A: a\r\n b",
          "X-\u00e9: x", "Content-Length : 5", "Host: second.example", "Host:", "Expect: 100-continue", "Expect: 200-ok",
          "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, identity", "Upgrade: h2c", "Connection: upgrade",
          "Accept: text/html", "Accept-Encoding: gzip;q=2", "X-Forwarded-For: 1.2.3.4, ::1")));
      default -> {
        String version = v.pick(List.of("HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/11"));
        byte[] request = BadRequests.request("POST", JOBS, headers, body);
        String text = new String(request, StandardCharsets.ISO_8859_1).replaceFirst("HTTP/1\\.1", version);
        return new Shot("headers", text.getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    boolean chunked = headers.stream().anyMatch(h -> h.startsWith("Transfer-Encoding: chunked"));
    return new Shot("headers", BadRequests.request("POST", JOBS, headers, chunked ? chunk(body) : body));
  }

  private void framing(List<String> headers, byte[] body) {
    switch (v.below(6)) {
      case 0 -> headers.add("Content-Length: " + v.below(Math.max(1, body.length)));
      case 1 -> headers.add("Content-Length: " + v.pick(List.of("-1", "abc", "1e3", "0x20", " ", "99999999999999999999999")));
      case 2 -> {
        headers.add("Content-Length: " + body.length);
        headers.add("Content-Length: " + (body.length + 1));
      }
      case 3 -> {
        headers.add("Content-Length: " + body.length);
        headers.add("Transfer-Encoding: chunked");
      }
      case 4 -> headers.add("Transfer-Encoding: chunked");
      default -> headers.add("Content-Length: " + body.length + ", " + body.length);
    }
  }

  /** The body as chunks, sometimes with a broken size line. */
  private byte[] chunk(byte[] body) {
    String size = v.chance(50) ? Integer.toHexString(body.length) : v.pick(List.of("zz", "-1", "ffffffffffffffffff", "", "1;x=" + "y".repeat(9000)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
