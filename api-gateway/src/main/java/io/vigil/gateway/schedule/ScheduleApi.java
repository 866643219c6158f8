package io.vigil.gateway.schedule;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What the gateway needs from the cron schedules. Views are the stored schedule plus {@code id} and
 * {@code nextFires} (epoch ms); invalid schedules fail with InvalidRequestException.
 */
public interface ScheduleApi {

  /** Creates or replaces a schedule; the body has passed the contract's Schedule schema. */
  Future<JsonObject> put(String id, JsonObject schedule);

  /** The schedule's view, or null when there is no such schedule. */
  Future<JsonObject> get(String id);

  /** True when a schedule was deleted, false when there was none. */
  Future<Boolean> delete(String id);

  /** Every schedule's view, sorted by id. */
  Future<List<JsonObject>> list();
}
