package io.vigil.gateway.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vigil.dispatcher.Schedule;
import io.vigil.dispatcher.ScheduleStore;
import java.time.Instant;
import java.util.List;

/** The schedules API over the engine's {@link ScheduleStore}; views add the next fire times. */
public record StoreScheduleApi(ScheduleStore store) implements ScheduleApi {
  static final int NEXT_FIRES = 5;

  @Override
  public Future<JsonObject> put(String id, JsonObject body) {
    Schedule schedule;
    try {
      schedule = Schedule.fromJson(id, body);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return store.put(schedule).map(created -> view(schedule));
  }

  @Override
  public Future<JsonObject> get(String id) {
    return store.get(id).map(found -> found.map(this::view).orElse(null));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return store.delete(id);
  }

  @Override
  public Future<List<JsonObject>> list() {
    return store.list().map(schedules -> schedules.stream().map(this::view).toList());
  }

  private JsonObject view(Schedule schedule) {
    List<Long> fires = store.nextFires(schedule, NEXT_FIRES).stream().map(Instant::toEpochMilli).toList();
    return schedule.toJson().put("nextFires", new JsonArray(fires));
  }
}
