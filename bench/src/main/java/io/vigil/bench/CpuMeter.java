package io.vigil.bench;

import io.vigil.resp.RespConnection;
import java.lang.management.ManagementFactory;

/** CPU time used by Redis (INFO cpu) and by this JVM between start and stop, per job. */
final class CpuMeter {
  private final RespConnection redis;
  private double redisStart;
  private long jvmStart;

  CpuMeter(RespConnection redis) {
    this.redis = redis;
  }

  void start() {
    redisStart = redisCpuSeconds();
    jvmStart = jvmCpuNanos();
  }

  /** Returns {redis µs per job, jvm µs per job}. */
  double[] perJob(long jobs) {
    double redisUs = (redisCpuSeconds() - redisStart) * 1e6 / jobs;
    double jvmUs = (jvmCpuNanos() - jvmStart) / 1e3 / jobs;
    return new double[] {redisUs, jvmUs};
  }

  private double redisCpuSeconds() {
    String info = String.valueOf(redis.command("INFO", "cpu"));
    double total = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
