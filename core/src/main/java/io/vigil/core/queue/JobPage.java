package io.vigil.core.queue;

import io.vigil.core.job.Job;
import java.util.List;

/** One page of a state listing; {@code nextCursor} is null on the last page. */
public record JobPage(List<Job> jobs, String nextCursor) {}
