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
 * New credentials replace every {@link SentinelNode}; the old ones close once their queries had time to answer.
 */
final class SentinelResolver implements MasterResolver {
  private static final long OLD_NODES_GRACE_MS = SentinelNode.QUERY_CAP_MS + 500;
  private final Vertx vertx;
  private final RedisSettings settings;
  private volatile List<SentinelNode> nodes;
  private volatile BiConsumer<String, String> watcher;
  private boolean closed;

  SentinelResolver(Vertx vertx, RedisSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.nodes = connect(settings);
  }

  @Override
  public Future<MasterChoice> resolve() {
    List<SentinelNode> asked = nodes;
    List<Future<SentinelView>> asks = asked.stream().map(SentinelNode::query).toList();
    return Future.join(asks).transform(ignored -> {
      List<SentinelView> views = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < asks.size(); i++) {
        Future<SentinelView> ask = asks.get(i);
        if (ask.succeeded()) {
          views.add(ask.result());
        } else {
          errors.add(asked.get(i).address() + ": " + describe(ask.cause()));
        }
      }
      MasterChoice choice = MasterChoice.of(views);
      return choice != null ? Future.succeededFuture(choice) : Future.failedFuture(new IllegalStateException(
          "no Sentinel answered for master '" + settings.masterName() + "' (" + String.join("; ", errors) + ")"));
    });
  }

  @Override
  public void watch(BiConsumer<String, String> onEvent) {
    watcher = onEvent;
    nodes.forEach(node -> node.watch(onEvent));
  }

  @Override
  public void useCredentials(RedisSettings next) {
    List<SentinelNode> old;
    synchronized (this) {
      if (closed) {
        return;
      }
      old = nodes;
      nodes = connect(next);
    }
    BiConsumer<String, String> onEvent = watcher;
    if (onEvent != null) {
      nodes.forEach(node -> node.watch(onEvent));
    }
    // A query sent to an old node just before the swap still gets its answer.
    vertx.setTimer(OLD_NODES_GRACE_MS, id -> old.forEach(SentinelNode::close));
  }

  @Override
  public int configured() {
    return nodes.size();
  }

  @Override
  public Future<Void> close() {
    synchronized (this) {
      closed = true;
    }
    return Future.join(nodes.stream().map(SentinelNode::close).toList()).mapEmpty();
  }

  private List<SentinelNode> connect(RedisSettings credentials) {
    return credentials.sentinels().stream().map(address -> new SentinelNode(vertx, credentials, address)).toList();
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
