package io.vigil.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.core.error.InvalidRequestException;
import io.vigil.gateway.schedule.ScheduleApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A ScheduleApi kept in memory, for routing tests; the cron store itself is tested in core. */
public final class MemorySchedules implements ScheduleApi {
  private final Map<String, JsonObject> schedules = new ConcurrentHashMap<>();

  @Override
  public Future<JsonObject> put(String id, JsonObject schedule) {
    if (schedule.getString("cron").split(" ").length < 5) {
      return Future.failedFuture(new InvalidRequestException("cron must have 5 or 6 fields"));
    }
    schedules.put(id, schedule.copy());
    return Future.succeededFuture(view(id));
  }

  @Override
  public Future<JsonObject> get(String id) {
    return Future.succeededFuture(schedules.containsKey(id) ? view(id) : null);
  }

  @Override
  public Future<Boolean> delete(String id) {
    return Future.succeededFuture(schedules.remove(id) != null);
  }

  @Override
  public Future<List<JsonObject>> list() {
    List<JsonObject> out = new ArrayList<>();
    new TreeMap<>(schedules).keySet().forEach(id -> out.add(view(id)));
    return Future.succeededFuture(out);
  }

  private JsonObject view(String id) {
    return schedules.get(id).copy().put("id", id).put("nextFires", new JsonArray().add(1_700_000_000_000L));
  }
}
