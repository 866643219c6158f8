package io.vigil.ops;

import io.vigil.ops.check.Check;
import io.vigil.ops.check.CheckReport;
import io.vigil.resp.Endpoint;
import io.vigil.resp.MasterLookup;
import io.vigil.resp.MasterVote;
import io.vigil.resp.RespConnection;
import io.vigil.resp.RespError;
import io.vigil.resp.SentinelAnswer;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;

/** {@code vigil health}: can the application reach a writable master right now? */
@Command(name = "health", sortOptions = false,
    description = {"Checks that the application can reach a writable master right now.",
        "One line per check: the Sentinels' answer, PING and ROLE on that master, SENTINEL CKQUORUM.",
        "Configured by the roles' variables: REDIS_SENTINELS, REDIS_MASTER_NAME, REDIS_USERNAME, ..."},
    footer = "Exit: 0 no check failed, 1 a check failed, 2 bad usage or settings.")
public final class HealthCommand extends SettingsCommand {

  public HealthCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    super("health", env, out, err);
  }

  @Override
  int run(OpsSettings settings) {
    Deployment deployment = new Deployment(settings);
    CheckReport report = new CheckReport(out);
    Endpoint master = settings.sentinelMode() ? sentinels(deployment, report) : settings.standalone();
    if (master != null) {
      masterChecks(deployment, master, report);
    }
    report.add(quorum(deployment));
    return report.exitCode();
  }

  /** The Sentinels' vote (not ROLE-verified here: the role check below reports a stale answer itself). */
  private static Endpoint sentinels(Deployment deployment, CheckReport report) {
    MasterLookup lookup = deployment.lookup();
    List<SentinelAnswer> answers = lookup.ask();
    Set<Endpoint> named = new LinkedHashSet<>();
    StringBuilder errors = new StringBuilder();
    for (SentinelAnswer answer : answers) {
      if (answer.master() != null) {
        named.add(answer.master());
      } else {
        errors.append("; ").append(answer.sentinel()).append(": ").append(answer.error().getMessage());
      }
    }
    String name = deployment.settings().masterName();
    if (named.isEmpty()) {
      report.add(Check.fail("sentinels", "no Sentinel named master " + name + errors));
      return null;
    }
    MasterVote<Endpoint> vote = lookup.vote(answers);
    String seen = vote.answering() + "/" + answers.size() + " Sentinels answered";
    if (named.size() > 1) {
      report.add(Check.warn("sentinels", seen + " but disagree on master " + name + ": " + named
          + " (a failover is under way); using " + vote.master() + ", the vote's choice" + errors));
    } else if (vote.answering() < answers.size()) {
      report.add(Check.warn("sentinels", seen + "; master " + name + " is " + vote.master() + errors));
    } else {
      report.add(Check.pass("sentinels", seen + "; master " + name + " is " + vote.master()));
    }
    return vote.master();
  }

  private static void masterChecks(Deployment deployment, Endpoint master, CheckReport report) {
    try (RespConnection connection = deployment.app(master)) {
      long started = System.nanoTime();
      Object pong = connection.command("PING");
      long micros = (System.nanoTime() - started) / 1000;
      report.add("PONG".equals(pong) ? Check.pass("ping", "PONG from " + master + " in " + micros + " us")
          : Check.fail("ping", master + " answered " + pong));
      List<?> role = (List<?>) connection.command("ROLE");
      if ("master".equals(role.get(0))) {
        report.add(Check.pass("role", master + " is master with " + ((List<?>) role.get(2)).size() + " replicas attached"));
      } else {
        report.add(Check.fail("role", master + " reports role " + role.get(0)
            + ": the Sentinels' answer is stale or a failover is under way"));
      }
    } catch (RuntimeException e) {
      report.add(Check.fail("ping", master + ": " + e.getMessage()));
    }
  }

  private static Check quorum(Deployment deployment) {
    OpsSettings settings = deployment.settings();
    if (!settings.sentinelMode()) {
      return Check.pass("quorum", "not applicable: standalone Redis at " + settings.standalone() + " (REDIS_SENTINELS unset)");
    }
    StringBuilder errors = new StringBuilder();
    for (Endpoint sentinel : settings.sentinels()) {
      try (RespConnection connection = deployment.sentinel(sentinel)) {
        return Check.pass("quorum", sentinel + ": " + connection.command("SENTINEL", "CKQUORUM", settings.masterName()));
      } catch (RespError e) {
        return Check.fail("quorum", sentinel + ": " + e.getMessage());
      } catch (RuntimeException e) {
        errors.append("; ").append(sentinel).append(": ").append(e.getMessage());
      }
    }
    return Check.fail("quorum", "no Sentinel answered SENTINEL CKQUORUM" + errors);
  }
}
