package io.vigil.gateway.fuzz;

import static io.vigil.gateway.fuzz.BadRequests.JOBS;
import static io.vigil.gateway.fuzz.BadRequests.bearer;
import static io.vigil.gateway.fuzz.BadRequests.json;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Requests that stop before they are complete: bodies and heads trickled, then abandoned; a Content-Length longer
 * than the body; a chunked body without its last chunk. The server may only close them, after its idle timeout.
 */
public final class SlowRequests {
  /** Parts sent {@code pauseMs} apart (under the idle timeout); after the last one the client sends nothing. */
  public record Slow(String category, String shown, byte[][] parts, long pauseMs) {}

  private SlowRequests() {}

  public static List<Slow> all(int port) {
    byte[] body = "{\"name\":\"echo\",\"jobId\":\"slow-1\"}".getBytes(StandardCharsets.UTF_8);
    List<Slow> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] head = BadRequests.head("POST", JOBS, List.of(bearer(SUBMIT), json(), "Content-Length: " + body.length));
      out.add(new Slow("slow-body", "trickled body " + i, parts(head, Arrays.copyOf(body, 1 + i), 300), 300));
    }
    String head = "POST " + JOBS + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + bearer(SUBMIT) + "\r\n" + json() + "\r\n";
    for (int i = 0; i < 2; i++) {
      out.add(new Slow("slow-head", "trickled head " + i, parts(new byte[0], head.getBytes(StandardCharsets.UTF_8), 40), 300));
    }
    for (int extra : new int[] {1, 100, 100_000}) {
      byte[] request = BadRequests.request("POST", JOBS, List.of(bearer(SUBMIT), json(),
          "Content-Length: " + (body.length + extra)), body);
      out.add(new Slow("length-beyond-body", "Content-Length +" + extra, new byte[][] {request}, 0));
    }
    byte[] open = BadRequests.request("POST", JOBS, List.of(bearer(SUBMIT), json(), "Transfer-Encoding: chunked"),
        ("5\r\n{\"nam\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.add(new Slow("length-beyond-body", "chunked without its last chunk", new byte[][] {open}, 0));
    return out;
  }

  /** {@code first}, then {@code rest} in pieces of {@code piece} bytes. */
  private static byte[][] parts(byte[] first, byte[] rest, int piece) {
    List<byte[]> out = new ArrayList<>();
    if (first.length > 0) {
      out.add(first);
    }
    for (int at = 0; at < rest.length; at += piece) {
      out.add(Arrays.copyOfRange(rest, at, Math.min(rest.length, at + piece)));
    }
    return out.toArray(byte[][]::new);
  }
}
