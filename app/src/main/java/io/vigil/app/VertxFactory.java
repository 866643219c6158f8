package io.vigil.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vigil.settings.SettingsException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the JVM's Vert.x: with Prometheus metrics, and clustered over Hazelcast TCP-IP when members are set. */
public final class VertxFactory {
  private static final Logger log = LoggerFactory.getLogger(VertxFactory.class);

  private VertxFactory() {}

  public static Future<Vertx> create(ClusterSettings cluster) {
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        // Route, not path: paths carry job ids and would explode the label cardinality.
        .addLabels(Label.HTTP_ROUTE, Label.HTTP_CODE, Label.HTTP_METHOD)
        .setEnabled(true));
    if (!cluster.enabled()) {
      return Future.succeededFuture(Vertx.vertx(options));
    }
    if (!cluster.tls().enabled()) {
      log.warn("cluster=plaintext event bus without TLS: any host that reaches {} and knows the secret can join;"
          + " set VIGIL_CLUSTER_TLS_CERT, VIGIL_CLUSTER_TLS_KEY and VIGIL_CLUSTER_TLS_CA", cluster.host());
    }
    options.setEventBusOptions(cluster.tls().apply(new EventBusOptions().setHost(cluster.host())
        .setPort(cluster.eventBusPort())));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(cluster))).buildClustered();
  }

  static Config hazelcast(ClusterSettings cluster) {
    // Starting from Vert.x's own config keeps the __vertx.* map definitions the event bus needs.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.joinName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member that dies silently is dropped after 15 s instead of the default 60 s.
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "2");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(false);
    network.setPublicAddress(cluster.host() + ":" + cluster.port());
    // Listen on the configured interface only, not on every address of the host.
    config.setProperty("hazelcast.socket.bind.any", "false");
    network.getInterfaces().setEnabled(true).addInterface(address(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members().stream().map(VertxFactory::resolved).toList());
    return config;
  }

  /**
   * {@code host:port} with the host resolved now when it resolves. Given names (compose's member aliases), the
   * roles of the compose test each formed a cluster of their own (no join attempt logged; interfaces enabled);
   * given the addresses, the five joined.
   */
  private static String resolved(String member) {
    int colon = member.lastIndexOf(':');
    try {
      return InetAddress.getByName(member.substring(0, colon)).getHostAddress() + member.substring(colon);
    } catch (UnknownHostException e) {
      return member; // not there yet: Hazelcast keeps trying the name
    }
  }

  /** Hazelcast's interface list takes IP addresses; a host name is resolved once, at start. */
  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new SettingsException("VIGIL_CLUSTER_HOST", "cannot resolve '" + host + "'");
    }
  }
}
