package io.vigil.gateway.worker;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The live workers as registered in Redis: id, host, queues, concurrency, active jobs, last heartbeat. */
public interface WorkerDirectory {

  Future<List<JsonObject>> list();
}
