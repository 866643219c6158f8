package io.vigil.worker;

import io.vertx.core.Future;
import java.util.List;

/**
 * The read side of the worker registry: the live workers (id, host, queues, concurrency, active jobs, last
 * heartbeat) sorted by id. The gateway lists them through this; {@link WorkerRegistry} is the implementation.
 */
public interface WorkerDirectory {

  Future<List<WorkerInfo>> list();
}
