package io.vigil.resp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the master over blocking connections: asks every Sentinel {@code SENTINEL MASTER}, lets
 * {@link MasterVote} decide, and verifies with {@code ROLE} that the winner really is a master (Sentinels
 * can name a node that crashed or was demoted a moment ago).
 */
public final class MasterLookup {

  private final String masterName;
  private final List<Endpoint> sentinels;
  private final Credentials sentinelAuth;
  private final Duration timeout;
  private final RespTls sentinelTls;
  private final RespTls dataTls;

  public MasterLookup(String masterName, List<Endpoint> sentinels, Credentials sentinelAuth, Duration timeout) {
    this(masterName, sentinels, sentinelAuth, timeout, null, null);
  }

  /** With TLS to the Sentinels and to the data nodes (null: plain text). */
  public MasterLookup(String masterName, List<Endpoint> sentinels, Credentials sentinelAuth, Duration timeout,
                      RespTls sentinelTls, RespTls dataTls) {
    this.masterName = Objects.requireNonNull(masterName, "masterName");
    this.sentinels = List.copyOf(sentinels);
    this.sentinelAuth = Objects.requireNonNull(sentinelAuth, "sentinelAuth");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.sentinelTls = sentinelTls;
    this.dataTls = dataTls;
  }

  /** One answer per Sentinel, in order; unreachable ones carry their error. */
  public List<SentinelAnswer> ask() {
    List<SentinelAnswer> answers = new ArrayList<>();
    for (Endpoint sentinel : sentinels) {
      try (RespConnection connection = RespConnection.open(sentinel, sentinelAuth, timeout, sentinelTls)) {
        Map<String, String> master = Replies.pairs(connection.command("SENTINEL", "MASTER", masterName));
        Endpoint address = new Endpoint(master.get("ip"), Integer.parseInt(master.get("port")));
        String flags = master.getOrDefault("flags", "");
        long epoch = Long.parseLong(master.getOrDefault("config-epoch", "0"));
        answers.add(new SentinelAnswer(sentinel, new Ballot<>(address, epoch, flags.contains("failover_in_progress")),
            null));
      } catch (RuntimeException e) {
        answers.add(new SentinelAnswer(sentinel, null, e));
      }
    }
    return answers;
  }

  /** The vote over {@code answers}; throws naming every Sentinel's error when none answered. */
  public MasterVote<Endpoint> vote(List<SentinelAnswer> answers) {
    MasterVote<Endpoint> vote = MasterVote.of(answers.stream().filter(a -> a.ballot() != null)
        .map(SentinelAnswer::ballot).toList());
    if (vote == null) {
      List<String> errors = answers.stream().map(a -> a.sentinel() + ": " + a.error().getMessage()).toList();
      throw new IllegalStateException("no Sentinel named master " + masterName + ": " + errors);
    }
    return vote;
  }

  /** The voted master, verified with ROLE as {@code dataAuth}; throws when there is none or it is not master. */
  public Endpoint master(Credentials dataAuth) {
    Endpoint master = vote(ask()).master();
    String role = role(master, dataAuth, timeout, dataTls);
    if (!"master".equals(role)) {
      throw new IllegalStateException("Sentinels name " + master + " as master " + masterName
          + " but its ROLE is " + role + ": a failover is under way");
    }
    return master;
  }

  public static String role(Endpoint node, Credentials auth, Duration timeout) {
    return role(node, auth, timeout, null);
  }

  public static String role(Endpoint node, Credentials auth, Duration timeout, RespTls tls) {
    try (RespConnection connection = RespConnection.open(node, auth, timeout, tls)) {
      return String.valueOf(((List<?>) connection.command("ROLE")).get(0));
    }
  }
}
