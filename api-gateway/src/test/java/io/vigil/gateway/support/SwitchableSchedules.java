package io.vigil.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vigil.gateway.schedule.ScheduleApi;
import java.util.List;

/** Forwards to a ScheduleApi chosen after the gateway started (in memory by default, or the Redis store). */
final class SwitchableSchedules implements ScheduleApi {
  private volatile ScheduleApi target;

  SwitchableSchedules(ScheduleApi target) {
    this.target = target;
  }

  void use(ScheduleApi next) {
    this.target = next;
  }

  @Override
  public Future<JsonObject> put(String id, JsonObject schedule) {
    return target.put(id, schedule);
  }

  @Override
  public Future<JsonObject> get(String id) {
    return target.get(id);
  }

  @Override
  public Future<Boolean> delete(String id) {
    return target.delete(id);
  }

  @Override
  public Future<List<JsonObject>> list() {
    return target.list();
  }
}
