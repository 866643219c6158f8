package io.vigil.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.gateway.fuzz.BadRequests;
import io.vigil.gateway.fuzz.RawHttp;
import io.vigil.gateway.fuzz.Campaign;
import io.vigil.gateway.fuzz.RedisKeys;
import io.vigil.gateway.fuzz.Shot;
import io.vigil.gateway.fuzz.SlowRequests;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 8: over ten thousand generated bad requests against a running gateway on real Redis, over real
 * sockets. No answer is a 5xx, every 4xx is problem+json, nothing waits past the idle timeout, no key leaves the
 * prefix, and the jobs in Redis are exactly those of the submissions that were accepted. The seed is printed;
 * {@code -Dvigil.fuzz.seed=N} runs the same requests again.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class BadInputCampaignTest {
  private static final int IDLE_MS = 2000;
  private static final int MARGIN_MS = 8000;

  @Test
  void tenThousandBadRequestsGetProblemsOnTimeAndLeaveOnlyAcceptedJobs(Vertx vertx, RedisNode redis) throws Exception {
    long seed = Long.getLong("vigil.fuzz.seed", System.nanoTime());
    System.out.println("bad-input campaign: seed=" + seed + " (rerun with -Dvigil.fuzz.seed=" + seed + ")");
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_HTTP_IDLE_TIMEOUT_MS", Integer.toString(IDLE_MS),
        "VIGIL_SSE_HEARTBEAT_MS", "300", "VIGIL_MAX_BODY_BYTES", "16384"), EngineSettings.defaults(GatewayFixture.PREFIX));
    RawHttp http = new RawHttp(f.port, IDLE_MS + MARGIN_MS + 2000);
    List<Shot> shots = new BadRequests(seed).all();
    long jobsBefore = RedisKeys.jobs(redis).size();
    Campaign campaign = new Campaign(IDLE_MS + MARGIN_MS);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long started = System.nanoTime();
    try {
      List<Future<?>> slow = SlowRequests.all(f.port).stream()
          .<Future<?>>map(s -> pool.submit(() -> campaign.record(s.category(), s.shown(), false, true, true, false,
              http.exchange(s.parts(), s.pauseMs(), false)))).toList();
      List<Future<?>> fast = shots.stream().<Future<?>>map(s -> pool.submit(() -> campaign.record(s.category(), s.shown(), s.head(), s.mayGoUnanswered(), false,
              s.unknownVersion(), http.exchange(s.bytes(), s.head()))))
          .toList();
      for (Future<?> done : concat(slow, fast)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

    Set<String> jobs = RedisKeys.jobs(redis);
    List<String> outside = RedisKeys.outside(redis, GatewayFixture.PREFIX + ":");
    System.out.printf("bad-input campaign: %d requests in %d s; by category and status:%n%s", campaign.total(), seconds,
        campaign.table());
    System.out.printf("bad-input campaign: jobs before %d, after %d, accepted submissions %d; keys outside the prefix %d%n",
        jobsBefore, jobs.size(), campaign.accepted().size(), outside.size());
    assertThat(campaign.total()).isGreaterThanOrEqualTo(10_000);
    assertThat(campaign.failures()).as("seed %d", seed).isEmpty();
    assertThat(outside).isEmpty();
    assertThat(jobsBefore).isZero();
    assertThat(jobs).as("jobs in Redis = the accepted submissions").isEqualTo(campaign.accepted());
  }

  private static List<Future<?>> concat(List<Future<?>> a, List<Future<?>> b) {
    List<Future<?>> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
