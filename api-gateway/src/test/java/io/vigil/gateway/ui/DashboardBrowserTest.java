package io.vigil.gateway.ui;

import static io.vigil.gateway.support.GatewayFixture.ADMIN;
import static io.vigil.gateway.support.GatewayFixture.READ;
import static io.vigil.gateway.support.GatewayFixture.SUBMIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigil.core.queue.EngineSettings;
import io.vigil.core.queue.FetchOutcome;
import io.vigil.core.queue.Lease;
import io.vigil.dispatcher.ScheduleStore;
import io.vigil.gateway.schedule.StoreScheduleApi;
import io.vigil.gateway.support.GatewayFixture;
import io.vigil.testkit.RedisExtension;
import io.vigil.topology.RedisNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The dashboard in a real browser over a gateway on a real Redis: what an operator does, each page
 * photographed under target/dashboard-screenshots.
 */
@ExtendWith({VertxExtension.class, RedisExtension.class})
class DashboardBrowserTest {

  @Test
  void anOperatorSignsInRetriesPausesSchedulesAndSeesCountsChangeLive(Vertx vertx, RedisNode redis) throws Exception {
    GatewayFixture f = GatewayFixture.start(vertx, redis, Map.of("VIGIL_EVENT_RELAY", "true"), EngineSettings.defaults(GatewayFixture.PREFIX));
    f.useSchedules(new StoreScheduleApi(new ScheduleStore(f.broker, GatewayFixture.PREFIX, Clock.systemUTC())));
    seed(f);
    try (Browser b = Browser.start()) {
      b.size(1280, 800);
      b.open(url(f, "/ui/"), "#token");
      b.find("#token").sendKeys(ADMIN, Keys.ENTER);
      b.text("#who-name", "admin (admin)");
      b.text("#queue-table tr[data-queue='emails'] td[data-state='failed']", "2");
      b.text("#charts figcaption", "completed 2");
      b.text("#redis", "standalone");
      b.shot("overview");

      // Live: a submission shows in the overview's counts without a reload.
      String before = b.textOf("#queue-table tr[data-queue='emails'] td[data-state='waiting']");
      assertThat(f.post("/api/v1/queues/emails/jobs", SUBMIT, new JsonObject().put("name", "send")).statusCode()).isEqualTo(201);
      b.text("#queue-table tr[data-queue='emails'] td[data-state='waiting']", String.valueOf(Integer.parseInt(before) + 1));

      // By keyboard: the queue's link takes Enter.
      b.find("#queue-table a[href='#/queues/emails']").sendKeys(Keys.ENTER);
      b.text("#view h1", "emails");
      b.click("#toggle-pause");
      b.text("#paused-badge", "paused");
      assertThat(f.engine.admin().info("emails").await().paused()).isTrue();
      b.shot("queue");
      b.click("#toggle-pause");
      b.text("#paused-badge", "running");
      assertThat(f.engine.admin().info("emails").await().paused()).isFalse();

      // Retry many: the failed tab, one job picked, retried.
      b.click("#tabs a[data-state='failed']");
      b.click("input.pick[value='bad-2']");
      b.click("#bulk-retry");
      b.text("#status", "1 jobs retried");
      assertThat(state(f, "bad-2")).isEqualTo("waiting");
      b.shot("queue-failed");

      // Retry one from its page.
      b.open(url(f, "/ui/#/queues/emails/jobs/bad-1"), "#job-state");
      b.text("#job-state", "failed");
      b.text("#event-table", "failed");
      b.shot("job");
      b.find("#job [data-act='retry']").sendKeys(Keys.ENTER);
      b.text("#job-state", "waiting");
      assertThat(state(f, "bad-1")).isEqualTo("waiting");

      // A schedule: the cron is checked and its next fires shown before saving.
      b.open(url(f, "/ui/#/schedules/new"), "#next-fires li");
      b.find("#s-id").sendKeys("weekday-digest");
      b.find("#s-cron").clear();
      b.find("#s-cron").sendKeys("not a cron");
      b.click("#s-check");
      b.text("#s-preview", "has 3 fields");
      assertThat(b.find("#s-save").isEnabled()).isFalse();
      b.find("#s-cron").clear();
      b.find("#s-cron").sendKeys("0 9 * * 1-5");
      b.find("#s-tz").clear();
      b.find("#s-tz").sendKeys("Europe/Paris");
      b.find("#s-queue").clear();
      b.find("#s-queue").sendKeys("emails");
      b.find("#s-name").sendKeys("digest");
      b.until(d -> d.findElements(By.cssSelector("#next-fires li")).size() == 5 && d.findElement(By.id("s-save")).isEnabled(),
          "five next fires");
      b.shot("schedule-form");
      b.click("#s-save");
      b.text("#schedule-table", "weekday-digest");
      b.shot("schedules");
      JsonObject saved = f.get("/api/v1/schedules/weekday-digest", READ).bodyAsJsonObject();
      assertThat(saved.getString("cron")).isEqualTo("0 9 * * 1-5");
      assertThat(saved.getString("timezone")).isEqualTo("Europe/Paris");

      b.open(url(f, "/ui/#/workers"), "#worker-table");
      b.text("#worker-table", "w-1");
      b.shot("workers");

      // A phone-width view of the overview stays usable.
      b.size(390, 844);
      b.open(url(f, "/ui/#/"), "#queue-table");
      b.text("#queue-table", "emails");
      b.shot("overview-390");
      assertThat(b.overflowX()).as("the page scrolls sideways at 390 px").isZero();
      b.open(url(f, "/ui/#/queues/emails/jobs/bad-1"), "#job-state");
      b.shot("job-390");
      assertThat(b.overflowX()).as("the job page scrolls sideways at 390 px").isZero();

      // The read role sees, and is offered no action.
      b.size(1280, 800);
      b.click("#sign-out");
      b.find("#token").sendKeys(READ, Keys.ENTER);
      b.text("#who-name", "reader (read)");
      b.open(url(f, "/ui/#/queues/emails?state=failed"), "#tabs a");
      b.text("#tabs", "failed");
      assertThat(b.driver.findElements(By.id("toggle-pause"))).isEmpty();
      assertThat(b.driver.findElements(By.id("bulk-retry"))).isEmpty();
    }
  }

  /** Two completed jobs, two failed ones, one waiting, in queue "emails". */
  private static void seed(GatewayFixture f) throws InterruptedException {
    Thread.sleep(300); // the relay takes its lease first, so it counts this queue's events from its start
    for (String id : List.of("ok-1", "ok-2", "bad-1", "bad-2", "later")) {
      f.post("/api/v1/queues/emails/jobs", SUBMIT, new JsonObject().put("name", "send").put("jobId", id)
          .put("data", new JsonObject().put("to", id + "@example.org")).put("options", new JsonObject().put("attempts", 1)));
    }
    for (int i = 0; i < 4; i++) {
      Lease lease = ((FetchOutcome.Fetched) f.engine.transitions().fetch("emails", "worker-1").await()).lease();
      if (lease.jobId().startsWith("ok")) {
        f.engine.transitions().complete(lease, "{\"sent\":true}", null).await();
      } else {
        f.engine.transitions().fail(lease, "SMTP 451: try later", 0, null).await();
      }
    }
  }

  private static String state(GatewayFixture f, String id) {
    return f.get("/api/v1/queues/emails/jobs/" + id, ADMIN).bodyAsJsonObject().getString("state");
  }

  private static String url(GatewayFixture f, String path) {
    return "http://127.0.0.1:" + f.port + path;
  }
}
