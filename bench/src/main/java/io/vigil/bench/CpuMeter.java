package io.vigil.bench;

import io.vigil.resp.Replies;
import io.vigil.resp.RespConnection;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongSupplier;

/** CPU time used by Redis (INFO cpu) and by a JVM (this one, or the roles') between start and stop, per job. */
final class CpuMeter {
  private final RespConnection redis;
  private final LongSupplier jvmCpuNanos;
  private double redisStart;
  private long jvmStart;

  CpuMeter(RespConnection redis) {
    this(redis, CpuMeter::ownCpuNanos);
  }

  CpuMeter(RespConnection redis, LongSupplier jvmCpuNanos) {
    this.redis = redis;
    this.jvmCpuNanos = jvmCpuNanos;
  }

  void start() {
    redisStart = redisCpuSeconds();
    jvmStart = jvmCpuNanos.getAsLong();
  }

  /** Returns {redis µs per job, jvm µs per job}. */
  double[] perJob(long jobs) {
    double redisUs = (redisCpuSeconds() - redisStart) * 1e6 / jobs;
    double jvmUs = (jvmCpuNanos.getAsLong() - jvmStart) / 1e3 / jobs;
    return new double[] {redisUs, jvmUs};
  }

  private double redisCpuSeconds() {
    Map<String, String> cpu = Replies.info(redis.command("INFO", "cpu"));
    return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
