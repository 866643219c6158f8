package io.vigil.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal Server-Sent Events reader: collects frames (blocks separated by a blank line) as they arrive. */
public final class SseClient implements AutoCloseable {
  /** One data frame: its id line and its data as JSON. */
  public record Event(String id, JsonObject data) {}

  private final HttpClient client;
  private final List<String> frames = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final HttpClientResponse response;

  private SseClient(Vertx vertx, int port, String uri, String token, String lastEventId) {
    this.client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
        .setURI(uri).putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream");
    if (lastEventId != null) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    // The handler is set on the event loop as the response arrives: set later from the test thread,
    // the first chunks (already written by the gateway) would be dropped.
    this.response = client.request(options).compose(request -> request.send())
        .map(r -> r.handler(buffer -> collect(buffer.toString()))).await();
  }

  private void collect(String text) {
    synchronized (partial) {
      partial.append(text);
      int end;
      while ((end = partial.indexOf("\n\n")) >= 0) {
        frames.add(partial.substring(0, end));
        partial.delete(0, end + 2);
      }
    }
  }

  public static SseClient open(Vertx vertx, int port, String uri, String token, String lastEventId) {
    return new SseClient(vertx, port, uri, token, lastEventId);
  }

  public int status() {
    return response.statusCode();
  }

  public String header(String name) {
    return response.getHeader(name);
  }

  public List<String> frames() {
    return List.copyOf(frames);
  }

  public List<Event> events() {
    List<Event> out = new ArrayList<>();
    for (String frame : frames) {
      String id = null;
      String data = null;
      for (String line : frame.split("\n")) {
        if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
      if (data != null) {
        out.add(new Event(id, new JsonObject(data)));
      }
    }
    return out;
  }

  /** Drops the connection, as a client going away does. */
  @Override
  public void close() {
    client.close().await();
  }
}
