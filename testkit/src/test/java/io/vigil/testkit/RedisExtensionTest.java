package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vigil.topology.RedisNode;
import io.vigil.topology.SentinelTopology;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link Fixture}, a test class with a deliberately failing test, in an inner JUnit launcher and then
 * inspects what the extension left behind. Surefire skips nested classes, so Fixture never runs on its own.
 */
class RedisExtensionTest {

  static final List<RedisNode> OUTER = new CopyOnWriteArrayList<>();
  static final List<RedisNode> NESTED = new CopyOnWriteArrayList<>();
  static final List<SentinelTopology> TOPOLOGIES = new CopyOnWriteArrayList<>();

  @Test
  void extensionSharesOneInstancePerClassAndStopsEverythingWhenTheClassFinishesEvenAfterAFailure() {
    OUTER.clear();
    NESTED.clear();
    TOPOLOGIES.clear();

    TestExecutionSummary summary = run(Fixture.class);

    assertThat(summary.getTestsSucceededCount()).as(() -> describe(summary)).isEqualTo(2);
    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    // @BeforeAll once, the constructor three times (twice for its own tests, once for the nested test's
    // enclosing instance), and two test methods: all must see the same server.
    assertThat(OUTER).hasSize(6).containsOnly(OUTER.get(0));
    assertThat(NESTED).hasSize(1).doesNotContain(OUTER.get(0));
    assertThat(TOPOLOGIES).hasSize(1);
    RedisNode outer = OUTER.get(0);
    RedisNode nested = NESTED.get(0);
    SentinelTopology topology = TOPOLOGIES.get(0);

    assertThat(outer.directory().getFileName().toString()).startsWith("RedisExtensionTest_Fixture-");
    assertThat(nested.directory().getFileName().toString()).startsWith("RedisExtensionTest_Fixture_Inner-");
    assertThat(topology.masterName()).isEqualTo("ext-master");
    assertThat(topology.spec().downAfterMs()).isEqualTo(1500);
    assertThat(outer.isRunning()).isFalse();
    assertThat(nested.isRunning()).isFalse();
    assertThat(topology.dataNodes()).noneMatch(RedisNode::isRunning);
    assertThat(topology.sentinels()).noneMatch(RedisNode::isRunning);
  }

  private static String describe(TestExecutionSummary summary) {
    StringBuilder text = new StringBuilder("found=" + summary.getTestsFoundCount() + " started="
        + summary.getTestsStartedCount() + " skipped=" + summary.getTestsSkippedCount() + " failures:");
    summary.getFailures().forEach(f -> text.append("\n").append(f.getTestIdentifier().getDisplayName())
        .append(": ").append(f.getException()));
    return text.toString();
  }

  private static TestExecutionSummary run(Class<?> testClass) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
    return listener.getSummary();
  }

  @ExtendWith(RedisExtension.class)
  @RedisSettings(config = "maxmemory 20mb", password = "fixture-pw")
  @SentinelSettings(masterName = "ext-master", downAfterMs = 1500)
  static class Fixture {

    Fixture(RedisNode server) {
      OUTER.add(server);
    }

    @BeforeAll
    static void beforeAll(RedisNode server) {
      OUTER.add(server);
    }

    @Test
    void settingsAreApplied(RedisNode server) {
      OUTER.add(server);
      assertThat(server.command("CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "20971520"));
    }

    @Test
    void deliberatelyFails(RedisNode server, SentinelTopology topology) {
      OUTER.add(server);
      TOPOLOGIES.add(topology);
      fail("deliberate failure: the extension must still stop every process");
    }

    @Nested
    class Inner {
      @Test
      void nestedClassGetsItsOwnServerWithTheOuterSettings(RedisNode server) {
        NESTED.add(server);
        assertThat(server.command("CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "20971520"));
      }
    }
  }
}
