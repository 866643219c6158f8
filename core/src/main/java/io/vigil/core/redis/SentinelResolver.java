package io.vigil.core.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Asks every configured Sentinel at once and lets {@link MasterChoice} pick the master, so one stale
 * Sentinel cannot send Vigil to a master that was already replaced. Uses the Sentinel credentials only;
 * data nodes are reached with their own (the Vert.x Sentinel client cannot do that, upstream #507).
 */
final class SentinelResolver implements MasterResolver {
  private final RedisSettings settings;
  private final List<SentinelNode> nodes;

  SentinelResolver(Vertx vertx, RedisSettings settings) {
    this.settings = settings;
    this.nodes = settings.sentinels().stream().map(address -> new SentinelNode(vertx, settings, address)).toList();
  }

  @Override
  public Future<MasterChoice> resolve() {
    List<Future<SentinelView>> asks = nodes.stream().map(SentinelNode::query).toList();
    return Future.join(asks).transform(ignored -> {
      List<SentinelView> views = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < asks.size(); i++) {
        Future<SentinelView> ask = asks.get(i);
        if (ask.succeeded()) {
          views.add(ask.result());
        } else {
          errors.add(nodes.get(i).address() + ": " + describe(ask.cause()));
        }
      }
      MasterChoice choice = MasterChoice.of(views);
      return choice != null ? Future.succeededFuture(choice) : Future.failedFuture(new IllegalStateException(
          "no Sentinel answered for master '" + settings.masterName() + "' (" + String.join("; ", errors) + ")"));
    });
  }

  @Override
  public void watch(BiConsumer<String, String> onEvent) {
    nodes.forEach(node -> node.watch(onEvent));
  }

  @Override
  public int configured() {
    return nodes.size();
  }

  @Override
  public Future<Void> close() {
    return Future.join(nodes.stream().map(SentinelNode::close).toList()).mapEmpty();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
