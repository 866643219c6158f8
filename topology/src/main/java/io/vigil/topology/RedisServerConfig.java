package io.vigil.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start one standalone redis-server with the kit's own small redis.conf (not the shipped one): port,
 * auth, persistence, replication and extra config lines. Started by {@link StandaloneServer}.
 *
 * <p>Build with {@code RedisServerConfig.builder().password("pw").config("maxmemory 10mb").build()}.
 *
 * @param name the node's name, and its test folder's name prefix
 * @param port 0 picks a free loopback port
 * @param user user for {@link RedisNode#connect()}; null means the default user
 * @param password {@code requirepass} when {@code user} is null or "default", else the ACL user's password
 *     (define that user with a {@code user ...} config line)
 * @param configLines written last, so they override the kit's defaults
 * @param persistence false: {@code save ""} and {@code appendonly no}; true: AOF with fsync always, so
 *     data survives {@link RedisNode#restart()} even after {@link RedisNode#kill()}
 * @param replicaOfHost null for a master
 * @param masterAuth password this node uses when it replicates; null for none
 */
public record RedisServerConfig(String name, int port, String user, String password, List<String> configLines,
    boolean persistence, String replicaOfHost, int replicaOfPort, String masterAuth) {

  public RedisServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (replicaOfHost != null && (replicaOfPort < 1 || replicaOfPort > 65535)) {
      throw new IllegalArgumentException("replicaOfPort must be 1..65535, was " + replicaOfPort);
    }
    if (user != null && password == null) {
      throw new IllegalArgumentException("user " + user + " needs a password");
    }
    name = name == null || name.isBlank() ? "redis" : name;
    configLines = List.copyOf(configLines == null ? List.of() : configLines);
  }

  public static RedisServerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder().name(name).port(port).password(password).user(user)
        .persistence(persistence).masterAuth(masterAuth).config(configLines);
    return replicaOfHost == null ? builder : builder.replicaOf(replicaOfHost, replicaOfPort);
  }

  /** The redis.conf text for a host, folder and port. */
  String render(String host, Path directory, int actualPort) {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by vigil-topology. Sentinel may rewrite it (CONFIG REWRITE) when it changes roles.");
    lines.add("bind " + host);
    lines.add("port " + actualPort);
    lines.add("protected-mode no");
    lines.add("daemonize no");
    lines.add("dir " + quote(directory.toString()));
    lines.add("logfile " + quote(directory.resolve("redis.log").toString()));
    // Replicas sync at once instead of waiting 5 s for more replicas to join the transfer.
    lines.add("repl-diskless-sync-delay 0");
    if (persistence) {
      lines.add("appendonly yes");
      lines.add("appendfsync always");
    } else {
      lines.add("save \"\"");
      lines.add("appendonly no");
    }
    if (password != null && (user == null || user.equals("default"))) {
      lines.add("requirepass " + quote(password));
    }
    if (masterAuth != null) {
      lines.add("masterauth " + quote(masterAuth));
    }
    if (replicaOfHost != null) {
      lines.add("replicaof " + replicaOfHost + " " + replicaOfPort);
    }
    lines.addAll(configLines);
    return String.join("\n", lines) + "\n";
  }

  /** A redis.conf string argument, quoted and escaped. */
  public static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Passwords never reach logs or assertion messages. */
  @Override
  public String toString() {
    return "RedisServerConfig[name=" + name + ", port=" + port + ", user=" + user
        + ", password=" + (password == null ? null : "***") + ", configLines=" + configLines
        + ", persistence=" + persistence + ", replicaOf=" + (replicaOfHost == null ? null : replicaOfHost + ":"
        + replicaOfPort) + ", masterAuth=" + (masterAuth == null ? null : "***") + "]";
  }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private String name;
    private int port;
    private String user;
    private String password;
    private final List<String> configLines = new ArrayList<>();
    private boolean persistence;
    private String replicaOfHost;
    private int replicaOfPort;
    private String masterAuth;

    private Builder() {
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** Adds redis.conf lines such as {@code "maxmemory 10mb"}; repeatable. */
    public Builder config(String... lines) {
      return config(List.of(lines));
    }

    public Builder config(List<String> lines) {
      configLines.addAll(lines);
      return this;
    }

    public Builder persistence(boolean persistence) {
      this.persistence = persistence;
      return this;
    }

    public Builder replicaOf(String host, int port) {
      this.replicaOfHost = host;
      this.replicaOfPort = port;
      return this;
    }

    public Builder masterAuth(String masterAuth) {
      this.masterAuth = masterAuth;
      return this;
    }

    public RedisServerConfig build() {
      return new RedisServerConfig(name, port, user, password, configLines, persistence, replicaOfHost,
          replicaOfPort, masterAuth);
    }
  }
}
