package io.vigil.worker;

import io.vertx.core.Future;
import java.util.List;

/** The live workers, sorted by id, as the gateway lists them; {@link WorkerRegistry} is the implementation. */
public interface WorkerDirectory {

  Future<List<WorkerInfo>> list();
}
