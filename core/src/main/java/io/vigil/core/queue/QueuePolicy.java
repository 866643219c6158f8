package io.vigil.core.queue;

import io.vigil.core.keys.Names;
import io.vigil.settings.SettingsException;
import java.util.List;

/**
 * Which queue names may hold jobs, so a caller cannot make every node work for queues without end.
 *
 * @param declaredOnly true: only queues declared (PUT /queues/{queue} or {@code VIGIL_QUEUES}) take jobs;
 *     false: a submission to a new name declares it, while fewer than {@code maxQueues} exist
 * @param maxQueues the most queues under one prefix, declared either way (enforced inside the scripts)
 * @param declaredAtStart queues the gateway declares when it starts ({@code VIGIL_QUEUES})
 */
public record QueuePolicy(boolean declaredOnly, int maxQueues, List<String> declaredAtStart) {
  public static final int DEFAULT_MAX_QUEUES = 1000;
  public static final QueuePolicy OPEN = new QueuePolicy(false, DEFAULT_MAX_QUEUES, List.of());

  public QueuePolicy {
    SettingsException.require(maxQueues >= 1, "VIGIL_MAX_QUEUES", "must be >= 1, got " + maxQueues);
    declaredAtStart = List.copyOf(declaredAtStart);
    for (String queue : declaredAtStart) {
      SettingsException.require(Names.isValidId(queue), "VIGIL_QUEUES",
          "'" + queue + "' is not a valid queue name (letters, digits, '.', '_', '-'; at most 128)");
    }
    SettingsException.require(declaredAtStart.size() <= maxQueues, "VIGIL_QUEUES",
        "names " + declaredAtStart.size() + " queues, more than VIGIL_MAX_QUEUES=" + maxQueues);
  }
}
