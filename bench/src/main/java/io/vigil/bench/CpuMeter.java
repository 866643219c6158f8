package io.vigil.bench;

import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import java.lang.management.ManagementFactory;
import java.util.Map;

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
    Map<String, String> cpu = Replies.info(redis.command("INFO", "cpu"));
    return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
