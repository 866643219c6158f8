package io.vigil.worker;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vigil.core.consume.JobHandler;
import io.vigil.core.consume.JobProcessor;
import io.vigil.core.consume.ProcessorListener;
import io.vigil.core.consume.ProcessorSettings;
import io.vigil.core.queue.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job processors of one worker instance, one per queue, started and stopped together on the caller's
 * context.
 */
public final class QueueConsumers {
  private final Map<String, JobProcessor> byQueue = new LinkedHashMap<>();

  public QueueConsumers(Vertx vertx, Engine engine, List<String> queues, String workerId, int concurrency,
                        JobHandler handler, ProcessorListener listener) {
    for (String queue : queues) {
      ProcessorSettings settings = ProcessorSettings.of(queue, workerId, concurrency, engine.settings().leaseMs());
      byQueue.put(queue, new JobProcessor(vertx, engine, settings, handler, listener));
    }
  }

  public Future<Void> start() {
    return Future.all(byQueue.values().stream().map(JobProcessor::start).toList()).mapEmpty();
  }

  /** Completes when every processor has finished or handed back its jobs; never fails. */
  public Future<Void> stop(long graceMs) {
    return Future.join(byQueue.values().stream().map(p -> p.stop(graceMs)).toList()).<Void>mapEmpty()
        .otherwiseEmpty();
  }

  /** True when this instance ran the job and told its handler to stop. */
  public boolean cancel(String queue, String jobId, String reason) {
    JobProcessor processor = byQueue.get(queue);
    return processor != null && processor.cancel(jobId, reason);
  }

  public int activeJobs() {
    return byQueue.values().stream().mapToInt(JobProcessor::activeCount).sum();
  }
}
